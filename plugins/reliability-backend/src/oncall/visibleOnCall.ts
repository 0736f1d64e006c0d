import { OnCallNow } from '@reliability-hub/plugin-reliability-common';
import { CallerVisibility } from '../access/EntityVisibility';
import { ScheduleService } from './ScheduleService';
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
    store: ScheduleStore;
    visible: CallerVisibility;
  },
): Promise<OnCallNow> {
  const { service, store, visible } = options;
  if (query.entityRef) {
    await visible.assertEntity(query.entityRef);
  }
  return visibleOnCall(await service.onCallNow(query), { visible, store });
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
  const schedules = await visible.filter(onCall.schedules, s => s.ownerRef);
  const targets = [
    ...new Set(
      schedules.flatMap(s =>
        s.escalation.flatMap(level => (level.schedule ? [level.schedule] : [])),
      ),
    ),
  ];
  const hiddenTargets = new Set<string>();
  if (targets.length) {
    const records = await store.listSchedules({ names: targets });
    const owners = await visible.refs(records.map(r => r.ownerRef));
    for (const record of records) {
      if (!owners.has(record.ownerRef)) {
        hiddenTargets.add(record.name);
      }
    }
  }
  return {
    ...onCall,
    schedules: schedules.map(schedule => ({
      ...schedule,
      escalation: schedule.escalation.map(level =>
        level.schedule && hiddenTargets.has(level.schedule)
          ? { ...level, user: null }
          : level,
      ),
    })),
  };
}
