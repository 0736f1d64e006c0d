import {
  OnCallNow,
  ScheduleOnCall,
} from '@reliability-hub/plugin-reliability-common';
import { CallerVisibility } from '../access/EntityVisibility';
import { OnCallAnswer, ScheduleService } from './ScheduleService';
import { ScheduleStore } from './ScheduleStore';

/**
 * Who is on call, as `GET /oncall` and the on-call action answer it: for an
 * entity the caller may see (else a NotFoundError, as for one the catalog
 * does not have), for the schedules of some names, or for every schedule;
 * only the schedules the caller may see (see {@link visibleOnCall}).
 *
 * @internal
 */
export async function readOnCall(
  query: { entityRef?: string; scheduleNames?: string[]; at?: Date },
  options: {
    service: ScheduleService;
    visible: CallerVisibility;
  },
): Promise<OnCallNow> {
  const { service, visible } = options;
  if (query.entityRef) {
    await visible.assertEntity(query.entityRef);
  }
  return visibleAnswer(await service.onCallAnswer(query), visible);
}

/**
 * Who is on call, as far as the caller may see: a schedule belongs to its
 * owner group and is shown when the caller may see that group in the
 * catalog. An escalation level that names a schedule of a hidden group keeps
 * the name its own schedule gives, but not who is on call there.
 *
 * @internal
 */
export async function visibleOnCall(
  onCall: OnCallNow,
  options: { visible: CallerVisibility; store: ScheduleStore },
): Promise<OnCallNow> {
  const { visible, store } = options;
  const targets = [
    ...new Set(
      onCall.schedules.flatMap(s =>
        s.escalation.flatMap(level => (level.schedule ? [level.schedule] : [])),
      ),
    ),
  ];
  const targetOwners = new Map<string, string[]>();
  if (targets.length) {
    for (const record of await store.listSchedules({ names: targets })) {
      targetOwners.set(record.name, [
        ...(targetOwners.get(record.name) ?? []),
        record.ownerRef,
      ]);
    }
  }
  return visibleAnswer({ onCall, targetOwners }, visible);
}

/** How many views of one answer are kept, for callers who see less. */
const MAX_VIEWS = 64;

/**
 * The schedules of an answer as callers who may not see some groups see
 * them, by those groups: the answer for every schedule is shared until its
 * next hand-off, and so are its views.
 */
const views = new WeakMap<
  readonly ScheduleOnCall[],
  Map<string, ScheduleOnCall[]>
>();

async function visibleAnswer(
  answer: OnCallAnswer,
  visible: CallerVisibility,
): Promise<OnCallNow> {
  const { onCall, targetOwners } = answer;
  const owners = new Set(onCall.schedules.map(s => s.ownerRef));
  for (const refs of targetOwners.values()) {
    refs.forEach(ref => owners.add(ref));
  }
  const seen = await visible.refs(owners);
  const hidden = [...owners].filter(ref => !seen.has(ref)).sort();
  if (!hidden.length) {
    return onCall;
  }
  const key = hidden.join('\n');
  let byHidden = views.get(onCall.schedules);
  if (!byHidden) {
    byHidden = new Map();
    views.set(onCall.schedules, byHidden);
  }
  let schedules = byHidden.get(key);
  if (!schedules) {
    const hiddenOwners = new Set(hidden);
    const hiddenTargets = new Set(
      [...targetOwners]
        .filter(([, refs]) => refs.some(ref => hiddenOwners.has(ref)))
        .map(([name]) => name),
    );
    schedules = onCall.schedules
      .filter(s => !hiddenOwners.has(s.ownerRef))
      .map(schedule => ({
        ...schedule,
        escalation: schedule.escalation.map(level =>
          level.schedule && hiddenTargets.has(level.schedule)
            ? { ...level, user: null }
            : level,
        ),
      }));
    if (byHidden.size >= MAX_VIEWS) {
      byHidden.delete(byHidden.keys().next().value!);
    }
    byHidden.set(key, schedules);
  }
  return { ...onCall, schedules };
}
