import { DateTime } from 'luxon';

/** An ISO time as people read it: "May 1, 2024, 10:00 AM", or a dash. */
export function exactTime(iso: string | null | undefined): string {
  if (!iso) {
    return '–';
  }
  return DateTime.fromISO(iso).toLocaleString(DateTime.DATETIME_MED);
}

/** An ISO time relative to now: "3 hours ago", or a dash. */
export function relativeTime(
  iso: string | null | undefined,
  now = DateTime.now(),
): string {
  if (!iso) {
    return '–';
  }
  return DateTime.fromISO(iso).toRelative({ base: now }) ?? iso;
}

/** Today as `YYYY-MM-DD` in UTC, the form due dates take. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whether a string is an entity ref such as `user:default/jane`. */
export function looksLikeEntityRef(value: string): boolean {
  return /^[a-z]+:([^/:]+\/)?[^/:]+$/i.test(value);
}
