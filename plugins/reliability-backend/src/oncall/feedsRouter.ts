import { parseEntityRef } from '@backstage/catalog-model';
import { AuthenticationError } from '@backstage/errors';
import {
  escalationLevelOf,
  feedQuerySchema,
  FeedTokenResponse,
  idParamsSchema,
  ScheduleFeedResponse,
  ScheduleRecord,
  Shift,
  userFeedParamsSchema,
} from '@reliability-hub/plugin-reliability-common';
import { Request, Response } from 'express';
import Router from 'express-promise-router';
import { parseInput } from '../validation';
import { redactFeedToken } from './feedTokens';
import { feedRange, renderCalendar } from './ical';
import { OnCallRouterOptions } from './OnCallRouterOptions';
import { ScheduleWrites } from './ScheduleWrites';
import { DatabaseHandoffNoteStore } from './handoff/DatabaseHandoffNoteStore';

/** The token of a feed request, if it has one of a plausible size. */
function feedToken(req: Request): string | undefined {
  return feedQuerySchema.safeParse(req.query).data?.token;
}

/** The same answer for an unknown feed and a wrong token. */
function unknownFeed() {
  return new AuthenticationError('Unknown feed or wrong feed token');
}

/** Answers a calendar of the shifts `shiftsOf` finds in the feed's range. */
async function sendFeed(
  res: Response,
  calendarName: string,
  shiftsOf: (
    from: Date,
    to: Date,
  ) => Promise<Array<{ record: ScheduleRecord; shift: Shift }>>,
  notes?: DatabaseHandoffNoteStore,
) {
  const now = new Date();
  const range = feedRange(now);
  const shifts = await shiftsOf(new Date(range.start), new Date(range.end));
  const noteOf = await handoffNotesOf(shifts, range, notes);
  res
    .type('text/calendar; charset=utf-8')
    .set('Cache-Control', 'private, max-age=300')
    .send(
      renderCalendar({
        calendarName,
        events: shifts.map(({ record, shift }) => ({
          scheduleId: record.id,
          scheduleName: record.name,
          shift,
          escalation: escalationLevelOf(record),
          handoffNote: noteOf(record.id, shift.start),
        })),
        now,
      }),
    );
}

/** The notes left for the shifts of a feed, by schedule and start. */
async function handoffNotesOf(
  shifts: Array<{ record: ScheduleRecord }>,
  range: { start: string; end: string },
  notes?: DatabaseHandoffNoteStore,
) {
  const ids = [...new Set(shifts.map(({ record }) => record.id))];
  const found =
    notes && ids.length
      ? await notes.list({
          scheduleIds: ids,
          from: new Date(range.start),
          to: new Date(range.end),
          limit: 500,
        })
      : [];
  const byKey = new Map(found.map(n => [`${n.scheduleId}@${n.at}`, n]));
  return (scheduleId: string, start: string) =>
    byKey.get(`${scheduleId}@${new Date(start).toISOString()}`);
}

/** The answer that tells a feed's path (below the plugin's base URL). */
function feedPath(path: string, token: string): FeedTokenResponse {
  return { path: `${path}?token=${encodeURIComponent(token)}` };
}

/** The answer that tells a user's "my shifts" feed. */
function userFeedPath(userRef: string, token: string): FeedTokenResponse {
  const { namespace, name } = parseEntityRef(userRef);
  return feedPath(
    `/ical/users/${encodeURIComponent(namespace)}/${encodeURIComponent(
      name,
    )}.ics`,
    token,
  );
}

/**
 * The iCalendar feeds of schedules and of each person's shifts ("my
 * shifts"), and the rotation of their secrets. Calendar apps have no
 * Backstage token: the secret in the feed's URL is the key, and must not
 * reach the request log.
 *
 * @internal
 */
export function createScheduleFeedsRouter(
  options: OnCallRouterOptions & { writes: ScheduleWrites },
) {
  const { store, service, access, httpAuth, writes } = options;
  const router = Router();

  const callerRef = async (req: Request) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    return credentials.principal.userEntityRef.toLocaleLowerCase('en-US');
  };

  // Whoever may see the schedule may subscribe to it: showing the address
  // never changes it, so nobody's subscription breaks by looking.
  router.get('/schedules/:id/feed', async (req, res) => {
    const current = await writes.load(req);
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { token, holders } = await store.feedToken(
      current.id,
      credentials.principal.userEntityRef.toLocaleLowerCase('en-US'),
    );
    const answer: ScheduleFeedResponse = {
      ...feedPath(`/ical/schedules/${current.id}.ics`, token),
      holders,
    };
    res.json(answer);
  });

  router.post('/schedules/:id/feed-token', async (req, res) => {
    const current = await writes.load(req);
    const { actor } = await writes.authorizeUpdate(req, current);
    const token = await access.audited(
      req,
      'schedule-feed-token-rotate',
      { id: current.id, ownerRef: current.ownerRef },
      () => store.rotateFeedToken(current.id, actor),
    );
    const answer: ScheduleFeedResponse = {
      ...feedPath(`/ical/schedules/${current.id}.ics`, token),
      holders: [actor],
    };
    res.json(answer);
  });

  router.get('/feed-token/me', async (req, res) => {
    const userRef = await callerRef(req);
    res.json(userFeedPath(userRef, await store.userFeedToken(userRef)));
  });

  router.post('/feed-token/me', async (req, res) => {
    const userRef = await callerRef(req);
    const token = await access.audited(
      req,
      'user-feed-token-rotate',
      { userRef },
      () => store.rotateUserFeedToken(userRef),
    );
    res.json(userFeedPath(userRef, token));
  });

  router.use('/ical', redactFeedToken);

  router.get('/ical/schedules/:id.ics', async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params, 'schedule id');
    const token = feedToken(req);
    if (!token || !(await store.feedTokenMatches(id, token))) {
      throw unknownFeed();
    }
    const record = (await store.getSchedule(id))!;
    await sendFeed(
      res,
      `On call: ${record.name}`,
      async (from, to) =>
        service.finalOf(record, from, to).map(shift => ({ record, shift })),
      options.handoffs?.notes,
    );
  });

  // "My shifts": every shift of one user across all schedules.
  router.get('/ical/users/:namespace/:name.ics', async (req, res) => {
    const { namespace, name } = parseInput(
      userFeedParamsSchema,
      req.params,
      'user feed',
    );
    const userRef = `user:${namespace}/${name}`.toLocaleLowerCase('en-US');
    const token = feedToken(req);
    if (!token || !(await store.userFeedTokenMatches(userRef, token))) {
      throw unknownFeed();
    }
    await sendFeed(
      res,
      `My on-call shifts (${name})`,
      (from, to) => service.shiftsOfUser(userRef, from, to),
      options.handoffs?.notes,
    );
  });

  return router;
}
