import { mockCredentials } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  OnCallNow,
  ScheduleOnCall,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { CallerVisibility } from '../access/EntityVisibility';
import { ScheduleStore } from './ScheduleStore';
import { visibleOnCall } from './visibleOnCall';

const HIDDEN_TEAM = 'group:default/team-ledger';

const catalog = {
  async getEntitiesByRefs({ entityRefs }: { entityRefs: string[] }) {
    return {
      items: entityRefs.map(ref => (ref === HIDDEN_TEAM ? null : {})),
    };
  },
} as unknown as CatalogService;

const onCall = (
  name: string,
  ownerRef: string,
  escalation: ScheduleOnCall['escalation'] = [],
): ScheduleOnCall => ({
  scheduleId: `${name}-id`,
  name,
  ownerRef,
  timeZone: 'UTC',
  current: null,
  next: null,
  escalation,
});

const store = {
  async listSchedules({ names }: { names: string[] }) {
    const owners: Record<string, string> = {
      'ledger-primary': HIDDEN_TEAM,
      'checkout-secondary': 'group:default/team-checkout',
    };
    return names
      .filter(name => owners[name])
      .map(name => ({ name, ownerRef: owners[name] } as ScheduleRecord));
  },
} as unknown as ScheduleStore;

describe('visibleOnCall', () => {
  it('keeps schedules of groups the caller may see, and hides who is on call in a hidden escalation target', async () => {
    const all: OnCallNow = {
      at: '2027-01-04T10:00:00.000Z',
      schedules: [
        onCall('checkout-primary', 'group:default/team-checkout', [
          { delayMinutes: 0, schedule: 'checkout-secondary', user: 'user:a' },
          { delayMinutes: 5, schedule: 'ledger-primary', user: 'user:b' },
          { delayMinutes: 10, user: 'user:c' },
        ]),
        onCall('ledger-primary', HIDDEN_TEAM),
      ],
    };
    const visible = new CallerVisibility(
      catalog,
      mockCredentials.user('user:default/mallory'),
    );

    expect(await visibleOnCall(all, { visible, store })).toEqual({
      at: all.at,
      schedules: [
        onCall('checkout-primary', 'group:default/team-checkout', [
          { delayMinutes: 0, schedule: 'checkout-secondary', user: 'user:a' },
          { delayMinutes: 5, schedule: 'ledger-primary', user: null },
          { delayMinutes: 10, user: 'user:c' },
        ]),
      ],
    });
  });
});
