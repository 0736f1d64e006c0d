import { screen, within } from '@testing-library/react';
import { DateTime } from 'luxon';
import { MyShifts } from './MyShifts';
import {
  makeScheduleRecord,
  mockReliabilityApi,
  renderWithApis,
} from '../../__testUtils__';

// From next week's hand-off (Monday 09:00 in Berlin), so that no shift is cut
// short by the range whatever day the test runs on.
const handoff = DateTime.now()
  .setZone('Europe/Berlin')
  .plus({ weeks: 1 })
  .startOf('week')
  .set({ hour: 9 });
const range = {
  start: handoff.toUTC().toISO()!,
  end: handoff.plus({ days: 14 }).toUTC().toISO()!,
};

describe('<MyShifts />', () => {
  const api = mockReliabilityApi();
  const record = makeScheduleRecord(
    {},
    DateTime.now().setZone('Europe/Berlin').minus({ days: 20 }).toISODate()!,
  );

  it("lists the user's shifts in order with both time zones", async () => {
    await renderWithApis(
      <MyShifts
        userRef="user:default/jonas.weber"
        schedules={[record]}
        range={range}
        rangeText="in the next 14 days"
      />,
      { api, entity: null },
    );

    const items = within(
      screen.getByRole('list', { name: 'My shifts' }),
    ).getAllByRole('listitem');
    // A weekly rotation of two: one week in two, so one or two shifts in 14 days.
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.length).toBeLessThanOrEqual(2);
    for (const item of items) {
      expect(item).toHaveTextContent(/^checkout-primary · /);
      expect(item).toHaveTextContent(
        /09:00 Europe\/Berlin → .*09:00 Europe\/Berlin/,
      );
    }
  });

  it('shows a shift under way at the start of the range from when it really began', async () => {
    const midShift = handoff.plus({ days: 2, hours: 3 });
    for (const userRef of [
      'user:default/jonas.weber',
      'user:default/lena.hoffmann',
    ]) {
      const { unmount } = await renderWithApis(
        <MyShifts
          userRef={userRef}
          schedules={[record]}
          range={{
            start: midShift.toUTC().toISO()!,
            end: midShift.plus({ days: 14 }).toUTC().toISO()!,
          }}
          rangeText="in the next 14 days"
        />,
        { api, entity: null },
      );
      const items = within(
        screen.getByRole('list', { name: 'My shifts' }),
      ).getAllByRole('listitem');
      for (const item of items) {
        expect(item).toHaveTextContent(/09:00 Europe\/Berlin → /);
      }
      unmount();
    }
  });

  it('says so when the user has no shifts', async () => {
    await renderWithApis(
      <MyShifts
        userRef="user:default/nobody"
        schedules={[record]}
        range={range}
        rangeText="in the next 14 days"
      />,
      { api, entity: null },
    );

    expect(
      screen.getByText('You have no on-call shifts in the next 14 days.'),
    ).toBeInTheDocument();
  });
});
