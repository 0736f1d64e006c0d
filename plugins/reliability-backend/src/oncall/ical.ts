import { createHash } from 'node:crypto';
import { Shift } from '@reliability-hub/plugin-reliability-common';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How far ahead a feed lists shifts. */
export const FEED_DAYS = 60;

/**
 * The range a feed covers when fetched at `now`: from the start of the UTC
 * day, so the first event (cut at the range's start) keeps its start and UID
 * for the whole day, to 60 days later.
 *
 * @internal
 */
export function feedRange(now: Date): { start: string; end: string } {
  const start = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
  );
  return {
    start: new Date(start).toISOString(),
    end: new Date(start + FEED_DAYS * DAY_MS).toISOString(),
  };
}

/** Line breaks in any spelling: CRLF, a lone CR or LF, NEL, U+2028/9. */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;
/** Control characters, which `TEXT` may not hold at all (HTAB it may). */
// eslint-disable-next-line no-control-regex -- controls are what it finds
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * `TEXT` value escaping of RFC 5545 §3.3.11: every line break becomes `\n`
 * and other control characters are dropped, so no value can end its line
 * or start a property of its own.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(LINE_BREAK, '\\n')
    .replace(CONTROL, '');
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines
 * start with a space; multi-byte characters are never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The first line holds 75 octets, the others 74 after their space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** `20261122T090000Z`, a UTC DATE-TIME. */
export function icalUtc(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** How a feed names a user: the ref without `user:default/`. */
export function userLabel(userRef: string): string {
  return userRef.replace(/^user:default\//, '').replace(/^user:/, '');
}

/**
 * A UID that stays the same for the same shift (schedule, user, start) in
 * every fetch of the feed, so calendar apps update instead of duplicating.
 */
export function shiftUid(scheduleId: string, shift: Shift): string {
  const hash = createHash('sha256')
    .update(`${scheduleId}\n${shift.user}\n${shift.start}`)
    .digest('hex')
    .slice(0, 32);
  return `${hash}@reliability-hub`;
}

/**
 * An RFC 5545 calendar with one VEVENT per shift: CRLF line endings, folded
 * lines, UTC times.
 *
 * @internal
 */
export function renderCalendar(options: {
  calendarName: string;
  /** Shifts with the schedule they belong to, in order. */
  events: Array<{
    scheduleId: string;
    scheduleName: string;
    shift: Shift;
    /** Where the person stands in the schedule's escalation policy. */
    escalation?: { level: number; afterMinutes: number };
    /** What the person handing over left for this shift. */
    handoffNote?: { author: string; note: string };
  }>;
  now: Date;
}): string {
  const stamp = icalUtc(options.now.toISOString());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Reliability Hub//On-call//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.calendarName)}`,
  ];
  for (const {
    scheduleId,
    scheduleName,
    shift,
    escalation,
    handoffNote,
  } of options.events) {
    const how = shift.override ? 'override' : `layer ${shift.layer}`;
    const paged = escalation
      ? ` Escalation level ${escalation.level}: paged ${
          escalation.afterMinutes
            ? `${escalation.afterMinutes} min after an unacknowledged alert`
            : 'at once'
        }.`
      : '';
    const note = handoffNote
      ? `\nHand-off note from ${userLabel(handoffNote.author)}: ${
          handoffNote.note
        }`
      : '';
    lines.push(
      'BEGIN:VEVENT',
      `UID:${shiftUid(scheduleId, shift)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icalUtc(shift.start)}`,
      `DTEND:${icalUtc(shift.end)}`,
      `SUMMARY:${escapeText(
        `On call: ${userLabel(shift.user)} (${scheduleName})`,
      )}`,
      `DESCRIPTION:${escapeText(
        `${shift.user} is on call for ${scheduleName} (${how}).${paged}${note}`,
      )}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
