import { Layer } from '@reliability-hub/plugin-reliability-common';
import { NewSchedule } from '../oncall/ScheduleStore';
import { demoId } from './demoId';

const DAY_MS = 24 * 60 * 60 * 1000;

const user = (name: string) => `user:default/${name}`;

function weekly(name: string, participants: string[], start: string): Layer {
  return {
    name,
    participants: participants.map(user),
    rotation: { length: 1, unit: 'weeks' },
    handoff: { time: '09:00', weekday: 1 },
    start,
  };
}

function office(name: string, timeZone: string, participants: string[]): Layer {
  return {
    ...weekly(name, participants, '2026-01-05'),
    restrictions: [
      { weekdays: [1, 2, 3, 4, 5], from: '08:00', to: '16:00', timeZone },
    ],
  };
}

/**
 * The Acme Shop on-call schedules (members from examples/org.yaml), with
 * stable ids so seeding is idempotent:
 *
 * - team-checkout: `checkout-primary` and `checkout-secondary`, weekly,
 *   Monday 09:00 Europe/Berlin, the secondary one person behind the
 *   primary; an override next week (a swap); escalation primary → secondary
 *   (15 min) → sre (30 min).
 * - team-payments: `payments-follow-the-sun`, one layer per region, each
 *   08:00–16:00 on weekdays in its own zone (Tokyo, Berlin, New York);
 *   escalation primary → `payments-secondary` (10 min) → team lead
 *   anna.kowalska (20 min).
 * - sre: `sre-daily`, daily 09:00 America/New_York.
 *
 * @internal
 */
export function demoSchedules(now: Date): NewSchedule[] {
  const checkout = [
    'lena.hoffmann',
    'jonas.weber',
    'priya.raman',
    'marcus.bell',
  ];
  // A Tuesday-to-Wednesday swap in the coming week, whole UTC hours.
  const swapStart = new Date(
    Math.floor((now.getTime() + 8 * DAY_MS) / DAY_MS) * DAY_MS + 8 * 3600_000,
  );
  return [
    {
      id: demoId('schedule:checkout-primary'),
      name: 'checkout-primary',
      ownerRef: 'group:default/team-checkout',
      timeZone: 'Europe/Berlin',
      description: 'First responder for checkout and cart',
      layers: [weekly('primary', checkout, '2026-01-05')],
      overrides: [
        {
          id: demoId('schedule:checkout-primary:swap'),
          user: user('priya.raman'),
          start: swapStart.toISOString(),
          end: new Date(swapStart.getTime() + DAY_MS).toISOString(),
          reason: 'Swap: covering a day of a dentist appointment',
        },
      ],
      escalationPolicy: {
        levels: [
          { delayMinutes: 0, target: { schedule: 'checkout-primary' } },
          { delayMinutes: 15, target: { schedule: 'checkout-secondary' } },
          { delayMinutes: 30, target: { schedule: 'sre-daily' } },
        ],
        repeat: 1,
      },
    },
    {
      id: demoId('schedule:checkout-secondary'),
      name: 'checkout-secondary',
      ownerRef: 'group:default/team-checkout',
      timeZone: 'Europe/Berlin',
      description: 'Backup when the primary does not acknowledge',
      layers: [
        weekly('secondary', [...checkout.slice(1), checkout[0]], '2026-01-05'),
      ],
      overrides: [],
      escalationPolicy: null,
    },
    {
      id: demoId('schedule:payments-follow-the-sun'),
      name: 'payments-follow-the-sun',
      ownerRef: 'group:default/team-payments',
      timeZone: 'Europe/Berlin',
      description: 'Office hours in Tokyo, Berlin and New York',
      layers: [
        office('tokyo', 'Asia/Tokyo', ['yuki.tanaka', 'haruto.mori']),
        office('berlin', 'Europe/Berlin', ['tobias.brandt', 'anna.kowalska']),
        office('new-york', 'America/New_York', ['daniel.reyes', 'grace.liang']),
      ],
      overrides: [],
      escalationPolicy: {
        levels: [
          { delayMinutes: 0, target: { schedule: 'payments-follow-the-sun' } },
          { delayMinutes: 10, target: { schedule: 'payments-secondary' } },
          { delayMinutes: 20, target: { user: user('anna.kowalska') } },
        ],
        repeat: 2,
      },
    },
    {
      id: demoId('schedule:payments-secondary'),
      name: 'payments-secondary',
      ownerRef: 'group:default/team-payments',
      timeZone: 'Europe/Berlin',
      description: 'Around the clock backup for payments',
      layers: [
        weekly(
          'secondary',
          ['tobias.brandt', 'grace.liang', 'yuki.tanaka', 'daniel.reyes'],
          '2026-01-05',
        ),
      ],
      overrides: [],
      escalationPolicy: null,
    },
    {
      id: demoId('schedule:sre-daily'),
      name: 'sre-daily',
      ownerRef: 'group:default/sre',
      timeZone: 'America/New_York',
      description: 'Platform on-call, daily hand-off in New York',
      layers: [
        {
          name: 'daily',
          participants: [
            'jonas.weber',
            'marcus.bell',
            'amara.okafor',
            'haruto.mori',
            'daniel.reyes',
          ].map(user),
          rotation: { length: 1, unit: 'days' },
          handoff: { time: '09:00' },
          start: '2026-01-05',
        },
      ],
      overrides: [],
      escalationPolicy: {
        levels: [
          { delayMinutes: 0, target: { schedule: 'sre-daily' } },
          { delayMinutes: 15, target: { user: user('amara.okafor') } },
        ],
        repeat: 0,
      },
    },
  ];
}
