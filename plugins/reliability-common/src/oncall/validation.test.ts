import { validateSchedule } from './validation';
import { berlinTwoLayers } from './testSchedules';

type Mutable = Record<string, any>;
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
        s.layers[1].participants = ['user:a', 3];
      },
      'layers[1].participants',
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
            user: 'user:x',
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
            user: 'user:x',
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
          { user: 'user:x', start: 'soon', end: '2026-03-28T11:00:00Z' },
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
