import { Shift } from '../oncall/types';
import { TimelineHandoff, TimelineIncident } from './types';

/**
 * The hand-offs among a schedule's shifts (ordered, as the final schedule
 * gives them) that happen after `from`: every shift start where the person
 * on call changes. A shift that merely continues the same person (a new
 * layer, an override by the same user) is no hand-off.
 *
 * @public
 */
export function handoffsOf(
  schedule: string,
  shifts: readonly Shift[],
  from: string,
): TimelineHandoff[] {
  const start = Date.parse(from);
  const handoffs: TimelineHandoff[] = [];
  let previous: Shift | undefined;
  for (const shift of shifts) {
    const contiguous = previous && previous.end === shift.start;
    const before = contiguous ? previous!.user : null;
    if (Date.parse(shift.start) > start && before !== shift.user) {
      handoffs.push({
        at: shift.start,
        schedule,
        from: before,
        to: shift.user,
      });
    }
    previous = shift;
  }
  return handoffs;
}

/**
 * The incidents whose span overlaps `[from, to)`: started before it ends
 * and not resolved before it starts (an open incident overlaps everything
 * after its start).
 *
 * @public
 */
export function incidentsWithin(
  incidents: readonly TimelineIncident[],
  range: { from: number; to: number },
): TimelineIncident[] {
  return incidents.filter(
    incident =>
      Date.parse(incident.startedAt) < range.to &&
      (incident.resolvedAt === null ||
        Date.parse(incident.resolvedAt) >= range.from),
  );
}
