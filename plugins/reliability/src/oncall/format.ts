import { DateTime } from 'luxon';

const FORMAT = 'ccc d LLL, HH:mm';

/** An instant in the viewer's own time zone: "Mon 23 Nov, 09:00". */
export function viewerTime(iso: string): string {
  return DateTime.fromISO(iso).toLocal().toFormat(FORMAT);
}

/** An instant in an IANA zone: "Mon 23 Nov, 09:00". */
export function zoneTime(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat(FORMAT);
}

/**
 * An instant for people in two places: the viewer's local time, and the
 * schedule's wall-clock time, which is what hand-offs are agreed in.
 */
export function bothTimes(iso: string, zone: string): string {
  return `${viewerTime(iso)} your time · ${zoneTime(iso, zone)} ${zone}`;
}

/** How long until an instant, "in 3 hours", or "now" when it has passed. */
export function fromNow(iso: string, now = DateTime.now()): string {
  const at = DateTime.fromISO(iso);
  return at <= now ? 'now' : at.toRelative({ base: now }) ?? iso;
}

/** An escalation delay as people say it: "at once", "after 15 min". */
export function delayText(minutes: number): string {
  if (minutes <= 0) {
    return 'at once';
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) {
    return `after ${rest} min`;
  }
  return rest ? `after ${hours} h ${rest} min` : `after ${hours} h`;
}
