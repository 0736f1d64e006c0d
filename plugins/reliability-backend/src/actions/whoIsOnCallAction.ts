import { InputError } from '@backstage/errors';
import { readOnCall } from '../oncall/visibleOnCall';
import { entityRefInput, MAX_ACTION_ITEMS, storedRef } from './fields';
import { ReliabilityActionsOptions } from './ReliabilityActionsOptions';

/**
 * `reliability:who-is-on-call`: who is on call now and next for a component
 * (its schedules: its annotation's, else its owner group's) or for a
 * schedule by name, with each schedule's escalation chain as it reaches
 * people now.
 *
 * @internal
 */
export function createWhoIsOnCallAction(options: ReliabilityActionsOptions) {
  const { actionsRegistry, oncall, visibility } = options;
  actionsRegistry.register({
    name: 'who-is-on-call',
    title: 'Who is on call',
    description: `Answers who is on call now and who is next for a component, group or other catalog entity (its on-call schedules), or for an on-call schedule by name, with each schedule's escalation chain: the levels in order, their delay in minutes and who each level reaches now.
Give either entityRef (e.g. "checkout" or "component:default/checkout") or schedule (e.g. "checkout-primary"). Users are catalog user refs. At most ${MAX_ACTION_ITEMS} schedules are answered.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            entityRef: entityRefInput(
              z,
              'component',
              'The entity whose on-call schedules to answer, e.g. "checkout" or "group:default/team-checkout"',
            ).optional(),
            schedule: z
              .string()
              .trim()
              .min(1)
              .max(255)
              .describe('The name of an on-call schedule')
              .optional(),
            at: z
              .string()
              .datetime({ offset: true })
              .describe('An ISO 8601 instant to ask about instead of now')
              .optional(),
          })
          .strict(),
      output: z => {
        const shift = z
          .object({
            user: z.string(),
            start: z.string(),
            end: z.string(),
            override: z.boolean().optional(),
          })
          .nullable();
        return z.object({
          entityRef: z
            .string()
            .describe('The entity asked about, as the catalog names it')
            .optional(),
          at: z.string(),
          schedules: z.array(
            z.object({
              name: z.string(),
              ownerRef: z.string(),
              timeZone: z.string(),
              current: shift.describe('Who is on call at the instant'),
              next: shift.describe('The next shift of another person'),
              escalation: z
                .array(
                  z.object({
                    level: z.number(),
                    delayMinutes: z.number(),
                    schedule: z.string().optional(),
                    user: z.string().nullable(),
                  }),
                )
                .describe('The escalation chain, first level first'),
              problem: z.string().optional(),
            }),
          ),
          problems: z.array(z.string()),
          truncated: z.boolean(),
        });
      },
    },
    async action({ input, credentials }) {
      if (!input.entityRef === !input.schedule) {
        throw new InputError(
          'Invalid input: entityRef, schedule: give either an entity or a schedule',
        );
      }
      const entityRef =
        input.entityRef && storedRef(input.entityRef, 'component');
      const answer = await readOnCall(
        {
          entityRef,
          scheduleNames: input.schedule ? [input.schedule] : undefined,
          at: input.at ? new Date(input.at) : undefined,
        },
        { ...oncall, visible: visibility.forCredentials(credentials) },
      );
      const shift = (s: (typeof answer.schedules)[number]['current']) =>
        s && {
          user: s.user,
          start: s.start,
          end: s.end,
          ...(s.override ? { override: true } : {}),
        };
      return {
        output: {
          ...(entityRef ? { entityRef } : {}),
          at: answer.at,
          schedules: answer.schedules.slice(0, MAX_ACTION_ITEMS).map(s => ({
            name: s.name,
            ownerRef: s.ownerRef,
            timeZone: s.timeZone,
            current: shift(s.current),
            next: shift(s.next),
            escalation: s.escalation.map((level, index) => ({
              level: index + 1,
              ...level,
            })),
            ...(s.problem ? { problem: s.problem } : {}),
          })),
          problems: answer.problems ?? [],
          truncated: answer.schedules.length > MAX_ACTION_ITEMS,
        },
      };
    },
  });
}
