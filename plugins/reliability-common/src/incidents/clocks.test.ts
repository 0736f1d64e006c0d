import {
  computeIncidentClocks,
  IncidentClockInput,
  mostUrgentClock,
  needsAttention,
} from './clocks';
import { DEFAULT_SEVERITY_POLICIES, NO_SEVERITY_POLICY } from './policy';

const T0 = Date.UTC(2026, 11, 7, 10, 0, 0);
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const MIN = 60;
const HOUR = 3600;
const SEV1 = DEFAULT_SEVERITY_POLICIES.SEV1;
const SEV2 = DEFAULT_SEVERITY_POLICIES.SEV2;
const SEV3 = DEFAULT_SEVERITY_POLICIES.SEV3;

const open: IncidentClockInput = {
  status: 'investigating',
  startedAt: at(0),
  detectedAt: at(0),
};

function clockOf(
  kind: string,
  incident: IncidentClockInput,
  nowSeconds: number,
  policy = SEV1,
) {
  return computeIncidentClocks(incident, policy, new Date(at(nowSeconds))).find(
    c => c.kind === kind,
  );
}

describe('computeIncidentClocks', () => {
  it.each([
    // [name, incident, now (s), state, seconds left]
    ['SEV1 just declared', open, 0, 'running', 5 * MIN],
    ['SEV1 with 75 s left: due soon', open, 225, 'due-soon', 75],
    ['SEV1 with 76 s left: still running', open, 224, 'running', 76],
    ['SEV1 at the due second: not yet overdue', open, 5 * MIN, 'due-soon', 0],
    ['SEV1 one second late', open, 5 * MIN + 1, 'overdue', -1],
    [
      'counted from detection, not the start',
      { ...open, detectedAt: at(10 * MIN) },
      12 * MIN,
      'running',
      3 * MIN,
    ],
    [
      'acknowledged on the due second: met',
      { ...open, acknowledgedAt: at(5 * MIN) },
      HOUR,
      'met',
      0,
    ],
    [
      'acknowledged a second late: missed',
      { ...open, acknowledgedAt: at(5 * MIN + 1) },
      HOUR,
      'missed',
      -1,
    ],
  ] as const)('acknowledge: %s', (_name, incident, now, state, left) => {
    expect(clockOf('acknowledge', incident, now)).toMatchObject({
      state,
      secondsLeft: left,
    });
  });

  it('has no acknowledge clock for a resolved incident never acknowledged', () => {
    expect(
      clockOf(
        'acknowledge',
        { ...open, status: 'resolved', resolvedAt: at(MIN) },
        HOUR,
      ),
    ).toBeUndefined();
  });

  it.each([
    ['level 1 escalates 5 min after detection', 1, 5 * MIN + 1, 'overdue'],
    ['level 2 has 5 min of its own', 2, 5 * MIN + 1, 'running'],
    ['level 2 escalates at 10 min', 2, 10 * MIN + 1, 'overdue'],
  ] as const)('escalate: %s', (_name, level, now, state) => {
    expect(
      clockOf('escalate', { ...open, escalationLevel: level }, now),
    ).toMatchObject({ state });
  });

  it('stops escalating once acknowledged', () => {
    expect(
      clockOf('escalate', { ...open, acknowledgedAt: at(MIN) }, HOUR),
    ).toBeUndefined();
  });

  it.each([
    ['no update yet: 15 min from detection', {}, 15 * MIN, 'due-soon', 0],
    ['no update yet, a second later', {}, 15 * MIN + 1, 'overdue', -1],
    [
      'an update resets it',
      { lastUpdateAt: at(14 * MIN) },
      15 * MIN + 1,
      'running',
      14 * MIN - 1,
    ],
    [
      'an update before detection counts from detection',
      { lastUpdateAt: at(-HOUR) },
      MIN,
      'running',
      14 * MIN,
    ],
  ] as const)('update: %s', (_name, extra, now, state, left) => {
    expect(clockOf('update', { ...open, ...extra }, now)).toMatchObject({
      state,
      secondsLeft: left,
    });
  });

  it('has no update clock once resolved', () => {
    expect(
      clockOf(
        'update',
        { ...open, status: 'resolved', resolvedAt: at(MIN) },
        HOUR,
      ),
    ).toBeUndefined();
  });

  it.each([
    ['SEV1: open past 1 h', SEV1, {}, HOUR + 1, 'overdue'],
    ['SEV2: open at 1 h', SEV2, {}, HOUR + 1, 'running'],
    ['mitigated in time', SEV1, { mitigatedAt: at(HOUR) }, 2 * HOUR, 'met'],
  ] as const)('mitigate: %s', (_name, policy, extra, now, state) => {
    expect(
      clockOf('mitigate', { ...open, ...extra }, now, policy),
    ).toMatchObject({ state });
  });

  const resolved: IncidentClockInput = {
    ...open,
    status: 'resolved',
    acknowledgedAt: at(MIN),
    mitigatedAt: at(2 * MIN),
    resolvedAt: at(HOUR),
  };

  it.each([
    [
      'SEV1: due 48 h after resolution',
      SEV1,
      {},
      HOUR + 48 * HOUR,
      'due-soon',
      0,
    ],
    ['SEV1: a second later', SEV1, {}, HOUR + 48 * HOUR + 1, 'overdue', -1],
    [
      'SEV2: 5 days',
      SEV2,
      {},
      HOUR + 48 * HOUR + 1,
      'running',
      3 * 24 * HOUR - 1,
    ],
    [
      'published in time',
      SEV1,
      { postmortemPublishedAt: at(2 * HOUR) },
      HOUR * 100,
      'met',
      47 * HOUR,
    ],
  ] as const)('postmortem: %s', (_name, policy, extra, now, state, left) => {
    expect(
      clockOf('postmortem', { ...resolved, ...extra }, now, policy),
    ).toMatchObject({ state, secondsLeft: left });
  });

  it('asks no postmortem of an optional severity', () => {
    expect(clockOf('postmortem', resolved, 1000 * HOUR, SEV3)).toBeUndefined();
  });

  it('runs no clock for a severity without a policy', () => {
    expect(
      computeIncidentClocks(open, NO_SEVERITY_POLICY, new Date(at(HOUR))),
    ).toEqual([]);
  });
});

describe('mostUrgentClock and needsAttention', () => {
  it('puts an overdue update before a running mitigation', () => {
    const clocks = computeIncidentClocks(
      { ...open, acknowledgedAt: at(MIN) },
      SEV1,
      new Date(at(20 * MIN)),
    );
    expect(mostUrgentClock(clocks)?.kind).toBe('update');
    expect(needsAttention(clocks)).toBe(true);
  });

  it('answers nothing and no attention when every clock has stopped', () => {
    const clocks = computeIncidentClocks(
      {
        ...open,
        status: 'resolved',
        acknowledgedAt: at(MIN),
        mitigatedAt: at(2 * MIN),
        resolvedAt: at(3 * MIN),
        postmortemPublishedAt: at(HOUR),
      },
      SEV1,
      new Date(at(100 * HOUR)),
    );
    expect(mostUrgentClock(clocks)).toBeUndefined();
    expect(needsAttention(clocks)).toBe(false);
  });
});
