import { SCHEDULE_LIMITS } from './limits';
import { validateSchedule } from './validation';
import { berlinTwoLayers } from './__testUtils__/testSchedules';

type Mutable = Record<string, any>;
/** Nine zones besides Berlin: the most a schedule may use. */
const ZONES = [
  'Europe/Berlin',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Australia/Sydney',
  'Europe/London',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
];
const valid = (): Mutable => JSON.parse(JSON.stringify(berlinTwoLayers));

describe('validateSchedule', () => {
  it('accepts a valid schedule', () => {
    expect(validateSchedule(valid())).toEqual([]);
    expect(
      validateSchedule({
        ...valid(),
        overrides: [
          {
            user: 'user:default/x',
            start: '2026-03-28T13:00',
            end: '2026-03-28T19:00Z',
          },
        ],
      }),
    ).toEqual([]);
  });

  it.each<[string, (s: Mutable) => void, string]>([
    [
      'unknown zone',
      s => {
        s.timeZone = 'Mars/Olympus_Mons';
      },
      'timeZone',
    ],
    [
      'missing zone',
      s => {
        delete s.timeZone;
      },
      'timeZone',
    ],
    [
      'empty name',
      s => {
        s.name = ' ';
      },
      'name',
    ],
    [
      'a name with a line break',
      s => {
        s.name = 'payments\rX-INJECTED:1';
      },
      'name',
    ],
    [
      'a layer name with a line break',
      s => {
        s.layers[1].name = 'nights\r\nATTENDEE:mailto:x@example.com';
      },
      'layers[1].name',
    ],
    [
      'no layers',
      s => {
        s.layers = [];
      },
      'layers',
    ],
    [
      'empty participants',
      s => {
        s.layers[0].participants = [];
      },
      'layers[0].participants',
    ],
    [
      'a participant that is not a ref',
      s => {
        s.layers[1].participants = ['user:default/a', 3];
      },
      'layers[1].participants[1]',
    ],
    ...[
      'user:a',
      'jane',
      'group:default/team',
      'User:default/Jane',
      'user:default/jane\rATTENDEE:mailto:x@example.com',
      'user:default/jane\r\nATTENDEE:x',
      'user:default/jane doe',
      'user:default/ja\u0000ne',
      'user:default/jane\u0085',
      'user:default/a/b',
      `user:default/${'a'.repeat(255)}`,
    ].map((participant): [string, (s: Mutable) => void, string] => [
      `participant ${JSON.stringify(participant)}`,
      s => {
        s.layers[0].participants = ['user:default/ok', participant];
      },
      'layers[0].participants[1]',
    ]),
    [
      'more than 100 participants in a layer',
      s => {
        s.layers[0].participants = Array.from(
          { length: 101 },
          (_, i) => `user:default/u${i}`,
        );
      },
      'layers[0].participants',
    ],
    [
      'more than 10 layers',
      s => {
        s.layers = Array.from({ length: 11 }, (_, i) => ({
          ...s.layers[0],
          name: `layer-${i}`,
        }));
      },
      'layers',
    ],
    [
      'more than 28 restrictions in a layer',
      s => {
        s.layers[1].restrictions = Array.from({ length: 29 }, () => ({
          from: '09:00',
          to: '10:00',
        }));
      },
      'layers[1].restrictions',
    ],
    [
      'a weekday twice',
      s => {
        s.layers[1].restrictions[0].weekdays = [1, 2, 1];
      },
      'layers[1].restrictions[0].weekdays',
    ],
    [
      'an eleventh time zone',
      s => {
        s.layers[1].restrictions = [
          'Asia/Tokyo',
          'Asia/Kolkata',
          'Asia/Singapore',
          'Australia/Sydney',
          'Europe/London',
          'America/New_York',
          'America/Chicago',
          'America/Denver',
          'America/Los_Angeles',
          'Pacific/Auckland',
        ].map(timeZone => ({ from: '09:00', to: '10:00', timeZone }));
      },
      'layers[1].restrictions[9].timeZone',
    ],
    [
      'more than 500 overrides',
      s => {
        s.overrides = Array.from({ length: 501 }, (_, i) => ({
          user: 'user:default/x',
          start: `2026-03-28T10:00:${String(i % 60).padStart(2, '0')}Z`,
          end: '2026-03-29T10:00:00Z',
        }));
      },
      'overrides',
    ],
    [
      'an override for a user ref in capitals',
      s => {
        s.overrides = [
          {
            user: 'user:default/X',
            start: '2026-03-28T10:00:00Z',
            end: '2026-03-28T11:00:00Z',
          },
        ];
      },
      'overrides[0].user',
    ],
    [
      'hand-off time without a leading zero',
      s => {
        s.layers[0].handoff.time = '9:00';
      },
      'layers[0].handoff.time',
    ],
    [
      'hand-off time 24:00',
      s => {
        s.layers[0].handoff.time = '24:00';
      },
      'layers[0].handoff.time',
    ],
    [
      'hand-off weekday 0',
      s => {
        s.layers[1].handoff.weekday = 0;
      },
      'layers[1].handoff.weekday',
    ],
    [
      'rotation length 0',
      s => {
        s.layers[0].rotation.length = 0;
      },
      'layers[0].rotation.length',
    ],
    [
      'rotation length 1.5',
      s => {
        s.layers[0].rotation.length = 1.5;
      },
      'layers[0].rotation.length',
    ],
    [
      'rotation length beyond any date (1e308 weeks)',
      s => {
        s.layers[0].rotation.length = 1e308;
      },
      'layers[0].rotation.length',
    ],
    [
      'rotation length of 1001 weeks',
      s => {
        s.layers[0].rotation.length = 1001;
      },
      'layers[0].rotation.length',
    ],
    [
      'rotation in months',
      s => {
        s.layers[0].rotation.unit = 'months';
      },
      'layers[0].rotation.unit',
    ],
    [
      'bad layer start',
      s => {
        s.layers[0].start = 'next Monday';
      },
      'layers[0].start',
    ],
    [
      'duplicate layer name',
      s => {
        s.layers[1].name = 'primary';
      },
      'layers[1].name',
    ],
    [
      'restriction from 25:00',
      s => {
        s.layers[1].restrictions[0].from = '25:00';
      },
      'layers[1].restrictions[0].from',
    ],
    [
      'restriction to 7pm',
      s => {
        s.layers[1].restrictions[0].to = '7pm';
      },
      'layers[1].restrictions[0].to',
    ],
    [
      'restriction weekday 8',
      s => {
        s.layers[1].restrictions[0].weekdays = [1, 8];
      },
      'layers[1].restrictions[0].weekdays',
    ],
    [
      'restriction zone unknown',
      s => {
        s.layers[1].restrictions[0].timeZone = 'Europe/Atlantis';
      },
      'layers[1].restrictions[0].timeZone',
    ],
    [
      'restrictions not a list',
      s => {
        s.layers[1].restrictions = { from: '09:00' };
      },
      'layers[1].restrictions',
    ],
    [
      'override ending at its start',
      s => {
        s.overrides = [
          {
            user: 'user:default/x',
            start: '2026-03-28T10:00:00Z',
            end: '2026-03-28T11:00+01:00',
          },
        ];
      },
      'overrides[0].end',
    ],
    [
      'override ending before its start',
      s => {
        s.overrides = [
          {
            user: 'user:default/x',
            start: '2026-03-28T10:00:00Z',
            end: '2026-03-28T09:00:00Z',
          },
        ];
      },
      'overrides[0].end',
    ],
    [
      'override without a user',
      s => {
        s.overrides = [
          { start: '2026-03-28T10:00:00Z', end: '2026-03-28T11:00:00Z' },
        ];
      },
      'overrides[0].user',
    ],
    [
      'override with a bad start',
      s => {
        s.overrides = [
          {
            user: 'user:default/x',
            start: 'soon',
            end: '2026-03-28T11:00:00Z',
          },
        ];
      },
      'overrides[0].start',
    ],
    [
      'overrides missing',
      s => {
        delete s.overrides;
      },
      'overrides',
    ],
  ])('%s is reported at %s', (_label, mutate, field) => {
    const schedule = valid();
    mutate(schedule);
    expect(validateSchedule(schedule).map(p => p.field)).toEqual([field]);
  });

  it('accepts a schedule at every limit', () => {
    const layer = (i: number) => ({
      name: `layer-${i}`,
      participants: Array.from(
        { length: SCHEDULE_LIMITS.participants },
        (_, p) => `user:default/person-${p}`,
      ),
      rotation: { length: SCHEDULE_LIMITS.rotationLength, unit: 'weeks' },
      handoff: { time: '09:00', weekday: 1 },
      start: '2026-01-05',
      restrictions: Array.from(
        { length: SCHEDULE_LIMITS.restrictions },
        (_, r) => ({
          weekdays: [1 + (r % 7)],
          from: '09:00',
          to: '17:00',
          timeZone: ZONES[(i + r) % ZONES.length],
        }),
      ),
    });
    const atLimits = {
      name: 'at-limits',
      timeZone: 'Europe/Berlin',
      layers: Array.from({ length: SCHEDULE_LIMITS.layers }, (_, i) =>
        layer(i),
      ),
      overrides: Array.from({ length: SCHEDULE_LIMITS.overrides }, () => ({
        user: 'user:default/person-0',
        start: '2026-03-28T10:00:00Z',
        end: '2026-03-28T11:00:00Z',
      })),
    };
    expect(validateSchedule(atLimits)).toEqual([]);
  });

  it.each([
    null,
    undefined,
    42,
    'schedule',
    [],
    { layers: [null, 'x'], overrides: [7] },
  ])('never throws, whatever the input (%p)', input => {
    expect(() => validateSchedule(input)).not.toThrow();
    expect(validateSchedule(input).length).toBeGreaterThan(0);
  });

  it('reports every problem, each with a message', () => {
    const problems = validateSchedule({
      name: 'x',
      timeZone: 'Nowhere/City',
      layers: [
        {
          name: 'a',
          participants: [],
          rotation: { length: 0, unit: 'days' },
          handoff: { time: '25:61' },
          start: '2026-01-01',
        },
      ],
      overrides: [],
    });
    expect(problems).toEqual([
      { field: 'timeZone', message: 'unknown time zone "Nowhere/City"' },
      {
        field: 'layers[0].participants',
        message: 'must list at least one user',
      },
      {
        field: 'layers[0].rotation.length',
        message: 'must be a whole number from 1 to 1000',
      },
      { field: 'layers[0].handoff.time', message: 'must be HH:mm' },
    ]);
  });
});
