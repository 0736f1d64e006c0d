import { escalationLevelOf } from './escalationLevel';

describe('escalationLevelOf', () => {
  const level = (delayMinutes: number, target: any) => ({
    delayMinutes,
    target,
  });

  it('answers the first level paging the schedule, with the delays before it added up', () => {
    expect(
      escalationLevelOf({
        name: 'checkout-secondary',
        escalationPolicy: {
          levels: [
            level(0, { schedule: 'checkout-primary' }),
            level(15, { user: 'user:default/priya.raman' }),
            level(30, { schedule: 'checkout-secondary' }),
            level(5, { schedule: 'checkout-secondary' }),
          ],
          repeat: 0,
        },
      }),
    ).toEqual({ level: 3, afterMinutes: 45 });
  });

  it('answers nothing for a schedule its policy does not page, or without one', () => {
    expect(
      escalationLevelOf({
        name: 'checkout-primary',
        escalationPolicy: {
          levels: [level(0, { schedule: 'sre-daily' })],
          repeat: 0,
        },
      }),
    ).toBeUndefined();
    expect(
      escalationLevelOf({ name: 'checkout-primary', escalationPolicy: null }),
    ).toBeUndefined();
  });
});
