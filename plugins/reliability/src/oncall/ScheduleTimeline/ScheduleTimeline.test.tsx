import { screen, within } from '@testing-library/react';
import { DateTime } from 'luxon';
import { ScheduleTimeline } from './ScheduleTimeline';
import {
  makeScheduleRecord,
  makeUser,
  mockReliabilityApi,
  renderWithApis,
} from '../../__testUtils__';
import { personOf } from '../../shared/people';

const berlin = () => DateTime.now().setZone('Europe/Berlin');

const range = {
  start: DateTime.now().startOf('day').toUTC().toISO()!,
  end: DateTime.now().startOf('day').plus({ days: 14 }).toUTC().toISO()!,
};

describe('<ScheduleTimeline />', () => {
  const api = mockReliabilityApi();

  it('draws layer shifts, overrides and gaps differently, one row per schedule', async () => {
    const tomorrow = berlin().plus({ days: 1 }).startOf('day');
    const covered = makeScheduleRecord(
      {
        schedule: {
          ...makeScheduleRecord().schedule,
          overrides: [
            {
              id: 'ov-1',
              user: 'user:default/priya.raman',
              start: tomorrow.set({ hour: 10 }).toISO()!,
              end: tomorrow.set({ hour: 14 }).toISO()!,
              reason: 'swap',
            },
          ],
        },
      },
      berlin().minus({ days: 10 }).toISODate()!,
    );
    const late = makeScheduleRecord(
      { id: 'sch-2', name: 'payments-primary' },
      berlin().plus({ days: 3 }).toISODate()!,
    );
    await renderWithApis(
      <ScheduleTimeline
        schedules={[covered, late]}
        range={range}
        profiles={
          new Map([
            [
              'user:default/priya.raman',
              personOf(makeUser('priya.raman', 'Priya Raman')),
            ],
          ])
        }
      />,
      { api, entity: null },
    );

    const first = screen.getByRole('list', {
      name: 'Timeline of checkout-primary',
    });
    const kinds = (row: HTMLElement) =>
      within(row)
        .getAllByRole('listitem')
        .map(item => item.getAttribute('data-kind'));
    expect(kinds(first)).toContain('layer');
    expect(kinds(first)).toContain('override');
    expect(kinds(first)).not.toContain('gap');
    const override = within(first)
      .getAllByRole('listitem')
      .find(item => item.getAttribute('data-kind') === 'override')!;
    expect(override).toHaveTextContent('Priya Raman');
    expect(override.getAttribute('aria-label')).toMatch(
      /^Priya Raman \(override\): .*10:00 Europe\/Berlin – .*14:00 Europe\/Berlin$/,
    );
    expect(within(first).getAllByText('lena.hoffmann').length).toBeGreaterThan(
      0,
    );

    const second = screen.getByRole('list', {
      name: 'Timeline of payments-primary',
    });
    const gap = within(second)
      .getAllByRole('listitem')
      .find(item => item.getAttribute('data-kind') === 'gap')!;
    expect(gap).toHaveTextContent('gap');
    expect(gap.getAttribute('aria-label')).toMatch(/^Nobody on call: /);
    expect(screen.getByText('Gap: nobody on call')).toBeInTheDocument();
  });
});
