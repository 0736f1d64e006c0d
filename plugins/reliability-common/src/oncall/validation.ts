import { IANAZone } from 'luxon';
import { SCHEDULE_LIMITS } from './limits';
import { parseTimeOfDay } from './time';
import { parseInstantOrNaN } from './instant';

/**
 * Something wrong with a schedule, naming the field, e.g.
 * `{ field: 'layers[0].handoff.time', message: 'must be HH:mm' }`.
 *
 * @public
 */
export interface ScheduleProblem {
  field: string;
  message: string;
}

type Report = (field: string, message: string) => void;

/** Checks one part of a schedule at `field`; `zone` is the schedule's own. */
type CheckPart = (
  value: unknown,
  field: string,
  zone: string,
  report: Report,
) => void;

/**
 * Longer rotations are no rotation at all, and hand-offs further out than
 * dates can go (1e308 weeks) would break every on-call computation.
 */
const MAX_ROTATION_LENGTH = SCHEDULE_LIMITS.rotationLength;
const UNITS = ['hours', 'days', 'weeks'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `value` is an object; reports at `field` that it must be one if not. */
function isObjectAt(
  value: unknown,
  field: string,
  report: Report,
): value is Record<string, unknown> {
  if (isRecord(value)) {
    return true;
  }
  report(field, 'must be an object');
  return false;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * A user entity ref as the catalog's refs are stored here: `user:` and a
 * namespace and a name, lower-cased (`user:default/jane.doe`). Neither part
 * may hold white space, control characters, `:` or `/`, so a ref can never
 * break the line or the field of anything it is written into.
 */
const USER_REF = /^user:[^\s\p{C}:/]+\/[^\s\p{C}:/]+$/u;

/**
 * True for a user entity ref in its stored form, e.g. `user:default/jane.doe`
 * (what `stringifyEntityRef` makes of it, lower-cased).
 *
 * @public
 */
export function isUserEntityRef(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= 255 &&
    USER_REF.test(value) &&
    value === value.toLocaleLowerCase('en-US')
  );
}

const USER_REF_MESSAGE =
  'must be a user entity ref in lower case, e.g. user:default/jane.doe';

/** Line breaks and other control characters: a name is one line of text. */
const CONTROL = /\p{Cc}|[\u2028\u2029]/u;

function checkName(value: unknown, field: string, report: Report) {
  if (!isText(value)) {
    report(field, 'must not be empty');
  } else if (CONTROL.test(value)) {
    report(field, 'must not contain line breaks or control characters');
  }
}

function isWeekday(value: unknown): boolean {
  return (
    Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 7
  );
}

/** Zones known to be valid: asking `Intl` costs a fraction of a millisecond. */
const validZones = new Set<string>();

function isZone(value: unknown): value is string {
  if (typeof value !== 'string') {
    return false;
  }
  if (!validZones.has(value) && IANAZone.isValidZone(value)) {
    // Zone names are case-insensitive: bound what spellings can fill.
    if (validZones.size >= 2_000) {
      validZones.clear();
    }
    validZones.add(value);
  }
  return validZones.has(value);
}

function checkZone(value: unknown, field: string, report: Report) {
  if (!isZone(value)) {
    report(field, `unknown time zone ${JSON.stringify(value)}`);
  }
}

function checkRestriction(value: unknown, field: string, report: Report) {
  if (!isObjectAt(value, field, report)) {
    return;
  }
  if (parseTimeOfDay(value.from) === undefined) {
    report(`${field}.from`, 'must be HH:mm');
  }
  if (parseTimeOfDay(value.to, true) === undefined) {
    report(`${field}.to`, 'must be HH:mm or 24:00');
  }
  if (
    value.weekdays !== undefined &&
    !(
      Array.isArray(value.weekdays) &&
      value.weekdays.length <= 7 &&
      value.weekdays.every(isWeekday) &&
      new Set(value.weekdays).size === value.weekdays.length
    )
  ) {
    report(
      `${field}.weekdays`,
      'must be distinct ISO weekdays 1 (Monday) to 7 (Sunday)',
    );
  }
  if (value.timeZone !== undefined) {
    checkZone(value.timeZone, `${field}.timeZone`, report);
  }
}

const checkLayer: CheckPart = (value, field, zone, report) => {
  if (!isObjectAt(value, field, report)) {
    return;
  }
  checkName(value.name, `${field}.name`, report);
  const participants = value.participants;
  if (!Array.isArray(participants) || participants.length === 0) {
    report(`${field}.participants`, 'must list at least one user');
  } else if (participants.length > SCHEDULE_LIMITS.participants) {
    report(
      `${field}.participants`,
      `at most ${SCHEDULE_LIMITS.participants} people in a layer`,
    );
  } else {
    const bad = participants.findIndex(p => !isUserEntityRef(p));
    if (bad >= 0) {
      report(`${field}.participants[${bad}]`, USER_REF_MESSAGE);
    }
  }
  const rotation = isRecord(value.rotation) ? value.rotation : {};
  if (
    !Number.isInteger(rotation.length) ||
    (rotation.length as number) < 1 ||
    (rotation.length as number) > MAX_ROTATION_LENGTH
  ) {
    report(
      `${field}.rotation.length`,
      `must be a whole number from 1 to ${MAX_ROTATION_LENGTH}`,
    );
  }
  if (!UNITS.includes(rotation.unit as string)) {
    report(`${field}.rotation.unit`, 'must be hours, days or weeks');
  }
  const handoff = isRecord(value.handoff) ? value.handoff : {};
  if (parseTimeOfDay(handoff.time) === undefined) {
    report(`${field}.handoff.time`, 'must be HH:mm');
  }
  if (handoff.weekday !== undefined && !isWeekday(handoff.weekday)) {
    report(`${field}.handoff.weekday`, 'must be 1 (Monday) to 7 (Sunday)');
  }
  if (Number.isNaN(parseInstantOrNaN(value.start, zone))) {
    report(`${field}.start`, 'must be an ISO date or date-time');
  }
  if (value.restrictions !== undefined) {
    if (!Array.isArray(value.restrictions)) {
      report(`${field}.restrictions`, 'must be a list');
    } else if (value.restrictions.length > SCHEDULE_LIMITS.restrictions) {
      report(
        `${field}.restrictions`,
        `at most ${SCHEDULE_LIMITS.restrictions} windows in a layer`,
      );
    } else {
      value.restrictions.forEach((r, i) =>
        checkRestriction(r, `${field}.restrictions[${i}]`, report),
      );
    }
  }
};

/** Names the first restriction that brings in one time zone too many. */
function checkTimeZoneCount(layers: unknown[], zone: string, report: Report) {
  const zones = new Set<unknown>([zone]);
  layers.forEach((layer, i) => {
    const restrictions = isRecord(layer) ? layer.restrictions : undefined;
    if (!Array.isArray(restrictions)) {
      return;
    }
    restrictions.forEach((restriction, j) => {
      const own = isRecord(restriction) ? restriction.timeZone : undefined;
      zones.add(own ?? zone);
      if (zones.size === SCHEDULE_LIMITS.timeZones + 1) {
        report(
          `layers[${i}].restrictions[${j}].timeZone`,
          `at most ${SCHEDULE_LIMITS.timeZones} different time zones in a schedule`,
        );
      }
    });
  });
}

const checkOverride: CheckPart = (value, field, zone, report) => {
  if (!isObjectAt(value, field, report)) {
    return;
  }
  if (!isUserEntityRef(value.user)) {
    report(`${field}.user`, USER_REF_MESSAGE);
  }
  const start = parseInstantOrNaN(value.start, zone);
  const end = parseInstantOrNaN(value.end, zone);
  if (Number.isNaN(start)) {
    report(`${field}.start`, 'must be an ISO date-time');
  }
  if (Number.isNaN(end)) {
    report(`${field}.end`, 'must be an ISO date-time');
  } else if (!Number.isNaN(start) && end <= start) {
    report(`${field}.end`, 'must be after start');
  }
};

/**
 * Everything wrong with a schedule (e.g. parsed from YAML or a request
 * body); empty when it is valid. Never throws, whatever the input. The
 * rotation functions assume a valid schedule.
 *
 * @public
 */
export function validateSchedule(input: unknown): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const report: Report = (field, message) => problems.push({ field, message });
  if (!isRecord(input)) {
    report('', 'a schedule must be an object');
    return problems;
  }
  checkName(input.name, 'name', report);
  checkZone(input.timeZone, 'timeZone', report);
  const zone = isZone(input.timeZone) ? input.timeZone : 'UTC';
  if (!Array.isArray(input.layers) || input.layers.length === 0) {
    report('layers', 'must have at least one layer');
  } else if (input.layers.length > SCHEDULE_LIMITS.layers) {
    report('layers', `at most ${SCHEDULE_LIMITS.layers} layers`);
  } else {
    const names = new Set<unknown>();
    input.layers.forEach((layer, i) => {
      checkLayer(layer, `layers[${i}]`, zone, report);
      const name = isRecord(layer) ? layer.name : undefined;
      if (isText(name) && names.has(name)) {
        report(`layers[${i}].name`, `duplicate layer name ${name}`);
      }
      names.add(name);
    });
    checkTimeZoneCount(input.layers, zone, report);
  }
  if (!Array.isArray(input.overrides)) {
    report('overrides', 'must be a list (possibly empty)');
  } else if (input.overrides.length > SCHEDULE_LIMITS.overrides) {
    report(
      'overrides',
      `at most ${SCHEDULE_LIMITS.overrides}; remove past ones first`,
    );
  } else {
    input.overrides.forEach((o: unknown, i: number) =>
      checkOverride(o, `overrides[${i}]`, zone, report),
    );
  }
  return problems;
}
