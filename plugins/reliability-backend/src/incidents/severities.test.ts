import { ConfigReader } from '@backstage/config';
import { DEFAULT_SEVERITY_LEVELS } from '@reliability-hub/plugin-reliability-common';
import { readSeverityLevels } from './severities';

const levels = (severities: unknown[]) =>
  readSeverityLevels(
    new ConfigReader({ reliability: { incidents: { severities } } } as any),
  );

describe('readSeverityLevels', () => {
  it('answers the default levels with the procedures’ policies', () => {
    const sev1 = readSeverityLevels(new ConfigReader({}))[0];
    expect(sev1).toBe(DEFAULT_SEVERITY_LEVELS[0]);
    expect(sev1.policy).toMatchObject({
      acknowledgeWithinSeconds: 300,
      updateEverySeconds: 900,
      postmortem: 'required',
      postmortemDueWithinSeconds: 48 * 3600,
    });
  });

  it('starts a configured level from the default policy of its id', () => {
    const [sev1, p0] = levels([
      {
        id: 'SEV1',
        name: 'Critical',
        acknowledgeWithin: '20s',
        updateEvery: 'none',
      },
      { id: 'P0', name: 'Custom', acknowledgeWithin: { minutes: 2 } },
    ]);
    expect(sev1.policy).toMatchObject({
      acknowledgeWithinSeconds: 20,
      updateEverySeconds: null,
      escalateAfterSeconds: 300,
    });
    expect(p0.policy).toMatchObject({
      acknowledgeWithinSeconds: 120,
      updateEverySeconds: null,
      postmortem: 'none',
    });
  });

  it.each([
    [
      [{ id: 'SEV1', name: 'A', acknowledgeWithin: 'soon' }],
      /^Invalid duration at reliability\.incidents\.severities\[0\]\.acknowledgeWithin: "soon"/,
    ],
    [
      [
        { id: 'SEV1', name: 'A' },
        { id: 'SEV2', name: 'B', updateEvery: '0m' },
      ],
      /^Invalid duration at reliability\.incidents\.severities\[1\]\.updateEvery: /,
    ],
    [
      [{ id: 'SEV1', name: 'A', postmortem: 'maybe' }],
      /^Invalid value at reliability\.incidents\.severities\[0\]\.postmortem: "maybe"/,
    ],
    [
      [{ id: 'X', name: 'A', postmortem: 'required' }],
      /^Missing value at reliability\.incidents\.severities\[0\]\.postmortemDueWithin/,
    ],
    [
      [
        { id: 'SEV1', name: 'A' },
        { id: 'SEV1', name: 'B' },
      ],
      /^Duplicate severity at reliability\.incidents\.severities\[1\]\.id: SEV1/,
    ],
  ])('refuses %j naming the key', (severities, message) => {
    expect(() => levels(severities)).toThrow(message);
  });
});
