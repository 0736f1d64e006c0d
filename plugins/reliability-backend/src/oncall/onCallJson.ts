import {
  OnCallNow,
  ScheduleOnCall,
} from '@reliability-hub/plugin-reliability-common';

/**
 * The JSON of answers' schedules, by the answer's list: the answer for
 * every schedule (and each view of it for callers who see less) is shared
 * until its next hand-off, and its ~0.5 KB per schedule would otherwise be
 * serialised again for every request.
 */
const serialised = new WeakMap<readonly ScheduleOnCall[], Buffer>();

/**
 * `GET /oncall`'s answer as JSON, exactly as `res.json` writes it, in
 * parts: the instant and the problems of this request around the
 * schedules, serialised once and written from the same buffer to every
 * caller.
 *
 * @internal
 */
export function onCallJson(answer: OnCallNow): Buffer[] {
  const { at, schedules, problems, ...rest } = answer;
  if (Object.keys(rest).length) {
    // Nothing else is answered today; should something be, it is not lost.
    return [Buffer.from(JSON.stringify(answer))];
  }
  let json = serialised.get(schedules);
  if (!json) {
    json = Buffer.from(JSON.stringify(schedules));
    serialised.set(schedules, json);
  }
  return [
    Buffer.from(`{"at":${JSON.stringify(at)},"schedules":`),
    json,
    Buffer.from(
      problems !== undefined ? `,"problems":${JSON.stringify(problems)}}` : '}',
    ),
  ];
}
