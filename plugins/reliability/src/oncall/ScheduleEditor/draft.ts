import {
  EscalationLevel,
  Layer,
  Restriction,
  RotationUnit,
  ScheduleRecord,
  scheduleRequestSchema,
  UpdateScheduleRequest,
  ScheduleRequest,
  validateSchedule,
} from '@reliability-hub/plugin-reliability-common';
import { DateTime } from 'luxon';

/**
 * A schedule being edited: what the editor's fields hold. Numbers stay
 * numbers (NaN while a number field is empty), so the shared rules judge
 * exactly what would be sent.
 *
 * @internal
 */
export interface ScheduleDraft {
  name: string;
  ownerRef: string | null;
  description: string;
  timeZone: string;
  layers: Layer[];
  /** Empty: no escalation policy. */
  escalation: EscalationLevel[];
  repeat: number;
}

/** The ISO weekdays, Monday first, with the names the editor shows. */
export const WEEKDAYS: Array<{ value: number; short: string; long: string }> = [
  { value: 1, short: 'Mon', long: 'Monday' },
  { value: 2, short: 'Tue', long: 'Tuesday' },
  { value: 3, short: 'Wed', long: 'Wednesday' },
  { value: 4, short: 'Thu', long: 'Thursday' },
  { value: 5, short: 'Fri', long: 'Friday' },
  { value: 6, short: 'Sat', long: 'Saturday' },
  { value: 7, short: 'Sun', long: 'Sunday' },
];

/** The units a rotation is counted in. */
export const ROTATION_UNITS: RotationUnit[] = ['hours', 'days', 'weeks'];

/** The zone of the browser, the default for a new schedule. */
function browserZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** What the first layers are usually called. */
const LAYER_NAMES = ['primary', 'secondary'];

/**
 * A new layer: weekly, handing off Monday 09:00, from last week's Monday (so
 * someone is on call from now on), named after its place in the schedule.
 *
 * @internal
 */
export function newLayer(index: number, zone: string): Layer {
  return {
    name: LAYER_NAMES[index] ?? `layer-${index + 1}`,
    participants: [],
    rotation: { length: 1, unit: 'weeks' },
    handoff: { time: '09:00', weekday: 1 },
    start: DateTime.now()
      .setZone(zone)
      .startOf('week')
      .minus({ weeks: 1 })
      .toISODate()!,
  };
}

/**
 * A new restriction: office hours on weekdays, in the schedule's zone.
 *
 * @internal
 */
export function newRestriction(zone: string): Restriction {
  return {
    weekdays: [1, 2, 3, 4, 5],
    from: '08:00',
    to: '16:00',
    timeZone: zone,
  };
}

/**
 * The draft of a new schedule, owned by `ownerRef` when the user's group is
 * known.
 *
 * @internal
 */
export function emptyDraft(ownerRef: string | null): ScheduleDraft {
  const zone = browserZone();
  return {
    name: '',
    ownerRef,
    description: '',
    timeZone: zone,
    layers: [newLayer(0, zone)],
    escalation: [],
    repeat: 0,
  };
}

/**
 * The draft of a stored schedule.
 *
 * @internal
 */
export function draftOf(record: ScheduleRecord): ScheduleDraft {
  return {
    name: record.name,
    ownerRef: record.ownerRef,
    description: record.schedule.description ?? '',
    timeZone: record.schedule.timeZone,
    layers: record.schedule.layers,
    escalation: record.escalationPolicy?.levels ?? [],
    repeat: record.escalationPolicy?.repeat ?? 0,
  };
}

/**
 * What `POST /schedules` is sent for a draft; overrides are kept as they
 * are stored (the editor does not change them).
 *
 * @internal
 */
export function requestOf(
  draft: ScheduleDraft,
  overrides: ScheduleRecord['schedule']['overrides'] = [],
): ScheduleRequest {
  const description = draft.description.trim();
  return {
    name: draft.name.trim(),
    ownerRef: draft.ownerRef ?? '',
    schedule: {
      name: draft.name.trim(),
      timeZone: draft.timeZone,
      ...(description ? { description } : {}),
      layers: draft.layers,
      overrides,
    },
    escalationPolicy: draft.escalation.length
      ? { levels: draft.escalation, repeat: draft.repeat }
      : null,
  };
}

/**
 * What `PUT /schedules/:id` is sent: the draft, at the version seen.
 *
 * @internal
 */
export function updateRequestOf(
  draft: ScheduleDraft,
  record: ScheduleRecord,
): UpdateScheduleRequest {
  return {
    ...requestOf(draft, record.schedule.overrides),
    version: record.version,
  };
}

/**
 * Messages by field, keyed as the shared rules name fields:
 * `name`, `ownerRef`, `layers[0].handoff.time`,
 * `escalationPolicy.levels[1].delayMinutes`.
 *
 * @internal
 */
export type FieldErrors = Record<string, string>;

/** `a.0.b` (a zod path) and `schedule.a[0]` as the rules name fields. */
function fieldKey(path: string): string {
  return path.replace(/^schedule\./, '').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/**
 * Everything wrong with a draft, by field, judged by the same schema and
 * rules the backend applies: the editor says it before saving.
 *
 * @internal
 */
export function draftErrors(draft: ScheduleDraft): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => {
    // An emptied number field holds NaN.
    errors[field] ??= /received NaN/.test(message)
      ? 'must be a number'
      : message;
  };
  const request = requestOf(draft);
  const parsed = scheduleRequestSchema.safeParse(request);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      add(fieldKey(issue.path.join('.')), issue.message);
    }
  }
  for (const problem of validateSchedule(request.schedule)) {
    add(problem.field, problem.message);
  }
  if (!draft.ownerRef) {
    errors.ownerRef = 'Pick the group that owns the schedule';
  }
  return errors;
}

/**
 * The fields a backend 400 names (`Invalid schedule: schedule.layers[0].
 * handoff.time: must be HH:mm; escalationPolicy.levels.1.delayMinutes: …`),
 * so each message shows beside its field; what names no field is left out.
 *
 * @internal
 */
export function serverFieldErrors(message: string): FieldErrors {
  const errors: FieldErrors = {};
  const body = message.replace(/^Invalid [^:]*: /, '');
  for (const part of body.split('; ')) {
    const match = /^([\w.[\]]+): (.+)$/.exec(part);
    if (match) {
      errors[fieldKey(match[1])] ??= match[2];
    }
  }
  return errors;
}
