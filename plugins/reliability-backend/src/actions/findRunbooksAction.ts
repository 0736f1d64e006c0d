import { InputError } from '@backstage/errors';
import {
  RunbookRecord,
  runbookLibraryQuerySchema,
  runbookPagePath,
} from '@reliability-hub/plugin-reliability-common';
import { todayUtc } from '../actionItems/ActionItemService';
import {
  searchVisibleLibrary,
  visibleRunbooksForAlert,
} from '../runbooks/visibleRunbooks';
import { parseInput } from '../validation';
import {
  entityRefInput,
  limitInput,
  MAX_ACTION_ITEMS,
  storedRef,
} from './fields';
import { ReliabilityActionsOptions } from './ReliabilityActionsOptions';

/**
 * `reliability:find-runbooks`: the runbooks for an alert (those whose
 * `alerts` name it, the given component's first) or for a text, as the
 * runbook library finds them.
 *
 * @internal
 */
export function createFindRunbooksAction(options: ReliabilityActionsOptions) {
  const { actionsRegistry, runbooks, visibility, appBaseUrl } = options;
  actionsRegistry.register({
    name: 'find-runbooks',
    title: 'Find runbooks',
    description: `Finds the runbooks for an alert by its name (e.g. "CheckoutHighErrorRate"; the runbooks that list the alert, those of the given component first) or for a text searched in the runbook library (titles, descriptions, tags). Give alertname or query.
Each runbook has a link to its page in the portal (or to where a linked runbook lives) and says whether its review is overdue (stale).`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            alertname: z
              .string()
              .trim()
              .min(1)
              .max(255)
              .describe('The name of a firing alert (its alertname label)')
              .optional(),
            query: z
              .string()
              .trim()
              .min(1)
              .max(500)
              .describe('Words to search the runbook library for')
              .optional(),
            entityRef: entityRefInput(
              z,
              'component',
              "Only this component's runbooks for a query; its runbooks first for an alert",
            ).optional(),
            limit: limitInput(z, 'runbooks', 5),
          })
          .strict(),
      output: z =>
        z.object({
          runbooks: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              entityRef: z.string(),
              description: z.string().optional(),
              severity: z.string().optional(),
              alerts: z.array(z.string()),
              owner: z.string().optional(),
              stale: z.boolean(),
              lastReviewed: z.string().optional(),
              link: z.string(),
            }),
          ),
          truncated: z.boolean(),
        }),
    },
    async action({ input, credentials }) {
      if (!input.alertname === !input.query) {
        throw new InputError(
          'Invalid input: alertname, query: give either an alert name or a query',
        );
      }
      const entityRef =
        input.entityRef && storedRef(input.entityRef, 'component');
      const visible = visibility.forCredentials(credentials);
      const today = todayUtc();
      let found: RunbookRecord[];
      let more: boolean;
      if (input.alertname) {
        const answer = await visibleRunbooksForAlert(
          input.alertname,
          { today, entityRef },
          { service: runbooks.service, visible },
        );
        found = answer.runbooks.slice(0, input.limit);
        more = answer.runbooks.length > input.limit;
      } else {
        const filter = parseInput(
          runbookLibraryQuerySchema,
          { q: input.query, limit: input.limit },
          'runbook query',
        );
        const page = await searchVisibleLibrary(
          {
            ...filter,
            today,
            ...(entityRef ? { entityRefs: [entityRef] } : {}),
          },
          { store: runbooks.store, visible },
        );
        found = page.items;
        more = Boolean(page.nextCursor);
      }
      return {
        output: {
          runbooks: found.map(runbook => ({
            id: runbook.id,
            title: runbook.title,
            entityRef: runbook.entityRef,
            ...(runbook.description
              ? { description: runbook.description.slice(0, 1_000) }
              : {}),
            ...(runbook.severity ? { severity: runbook.severity } : {}),
            alerts: runbook.alerts.slice(0, MAX_ACTION_ITEMS),
            ...(runbook.owner ? { owner: runbook.owner } : {}),
            stale: runbook.stale,
            ...(runbook.lastReviewed
              ? { lastReviewed: runbook.lastReviewed }
              : {}),
            link:
              runbook.kind === 'link' && runbook.url
                ? runbook.url
                : `${appBaseUrl}${runbookPagePath(runbook.id)}`,
          })),
          truncated: more,
        },
      };
    },
  });
}
