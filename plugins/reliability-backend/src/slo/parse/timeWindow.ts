// OpenSLO time windows: rolling or calendar-aligned, with durations.
import {
  calendarWindow,
  parseSloDuration,
  SloDurationUnit,
} from '@reliability-hub/plugin-reliability-common';
import { SloDefinitionTimeWindow } from './types';
import { DocumentContext, Path, describe } from './documentContext';

/** `calendar.startTime` as OpenSLO writes it: `2026-01-01 00:00:00`. */
const START_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/;

/** @internal */
export function parseDuration(
  ctx: DocumentContext,
  value: unknown,
  path: Path,
): { text: string; amount: number; unit: SloDurationUnit } | undefined {
  if (value === undefined || value === null) {
    ctx.report(path, 'missing: a duration such as "28d", "7d" or "1M"');
    return undefined;
  }
  const text = typeof value === 'string' ? value : String(value);
  try {
    return { text, ...parseSloDuration(text) };
  } catch (error) {
    ctx.reportError(path, error, text);
    return undefined;
  }
}

/** @internal */
export function parseTimeWindow(
  ctx: DocumentContext,
  value: unknown,
): SloDefinitionTimeWindow | undefined {
  const path = ['spec', 'timeWindow'];
  if (value === undefined || value === null) {
    ctx.report(
      path,
      'missing: expected one window, e.g. [{ duration: 28d, isRolling: true }]',
    );
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 1) {
    ctx.report(
      path,
      `must be a list with exactly one window, got ${
        Array.isArray(value) ? `${value.length} windows` : describe(value)
      }`,
    );
    return undefined;
  }
  const windowPath = [...path, 0];
  const window = ctx.requiredRecord(value[0], windowPath);
  if (!window) {
    return undefined;
  }
  const before = ctx.problems.length;
  const duration = parseDuration(ctx, window.duration, [
    ...windowPath,
    'duration',
  ]);
  if (typeof window.isRolling !== 'boolean') {
    ctx.report(
      [...windowPath, 'isRolling'],
      window.isRolling === undefined
        ? 'missing: true for a rolling window, false for a calendar-aligned one'
        : `must be true or false, got ${describe(window.isRolling)}`,
    );
    return undefined;
  }
  if (window.isRolling) {
    return duration && ctx.problems.length === before
      ? { rolling: true, duration: duration.text }
      : undefined;
  }

  const calendarPath = [...windowPath, 'calendar'];
  const calendar = ctx.requiredRecord(
    window.calendar,
    calendarPath,
    'a calendar-aligned window (isRolling: false) needs calendar: { startTime, timeZone }',
  );
  if (duration) {
    try {
      calendarWindow(duration.text, 0, 'UTC');
    } catch (error) {
      ctx.reportError([...windowPath, 'duration'], error, duration.text);
    }
  }
  if (!calendar) {
    return undefined;
  }
  let startTime: string | undefined;
  const startPath = [...calendarPath, 'startTime'];
  if (calendar.startTime === undefined || calendar.startTime === null) {
    ctx.report(startPath, 'missing: e.g. "2026-01-01 00:00:00"');
  } else if (
    typeof calendar.startTime !== 'string' ||
    !START_TIME_PATTERN.test(calendar.startTime)
  ) {
    ctx.report(
      startPath,
      `must be a date and time "YYYY-MM-DD hh:mm:ss", got ${describe(
        calendar.startTime,
      )}`,
    );
  } else {
    startTime = calendar.startTime;
  }
  let timeZone: string | undefined;
  const zonePath = [...calendarPath, 'timeZone'];
  if (calendar.timeZone === undefined || calendar.timeZone === null) {
    ctx.report(
      zonePath,
      'missing: a calendar-aligned window needs an IANA time zone such as "Europe/Berlin" or "UTC"',
    );
  } else if (typeof calendar.timeZone !== 'string') {
    ctx.report(
      zonePath,
      `must be an IANA time zone name, got ${describe(calendar.timeZone)}`,
    );
  } else {
    try {
      calendarWindow('1d', 0, calendar.timeZone);
      timeZone = calendar.timeZone;
    } catch (error) {
      ctx.reportError(zonePath, error, calendar.timeZone);
    }
  }
  if (
    !duration ||
    startTime === undefined ||
    timeZone === undefined ||
    ctx.problems.length > before
  ) {
    return undefined;
  }
  return { rolling: false, duration: duration.text, timeZone, startTime };
}
