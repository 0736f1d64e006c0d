import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  handoffsIn,
  TimeRange,
} from '@reliability-hub/plugin-reliability-common';
import { EntityOnCallCard } from '../EntityOnCallCard';
import { Handoffs } from './Handoffs';
import {
  makeScheduleOnCall,
  makeScheduleRecord,
  makeSummary,
  mockReliabilityApi,
  renderWithApis,
} from '../../__testUtils__';

const DAY = 24 * 60 * 60 * 1000;
const LENA = 'user:default/lena.hoffmann';
const JONAS = 'user:default/jonas.weber';

const note = (scheduleId: string, at: string, text: string) => ({
  scheduleId,
  at,
  note: text,
  author: JONAS,
  updatedAt: '2026-11-20T10:00:00.000Z',
  version: 1,
});

describe('hand-off notes', () => {
  jest.setTimeout(60_000);
  const api = mockReliabilityApi();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  it('shows the next hand-off of each schedule with its note, and saves a changed note at the version seen', async () => {
    const record = makeScheduleRecord();
    const range: TimeRange = {
      start: new Date().toISOString(),
      end: new Date(Date.now() + 14 * DAY).toISOString(),
    };
    const [next] = handoffsIn(record.schedule, range);
    api.getHandoffNotes.mockResolvedValue({
      notes: [note('sch-1', next.at, 'Watch the DB pool')],
    });
    api.saveHandoffNote.mockResolvedValue(
      note('sch-1', next.at, 'Watch the DB pool; cart is flaky'),
    );
    await renderWithApis(
      <Handoffs schedules={[record]} range={range} profiles={new Map()} />,
      { api, entity: null },
    );

    const row = await screen.findByRole('listitem', {
      name: 'Next hand-off of checkout-primary',
    });
    expect(
      await within(row).findByText('Watch the DB pool'),
    ).toBeInTheDocument();
    expect(row).toHaveTextContent('Hand-off note from jonas.weber');
    expect(api.getHandoffNotes).toHaveBeenCalledWith(
      expect.objectContaining({ scheduleId: ['sch-1'], to: range.end }),
    );

    await userEvent.click(
      within(row).getByRole('button', { name: 'Edit note' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText(/What is open, what to watch/),
      '; cart is flaky',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save note' }),
    );
    await waitFor(() =>
      expect(api.saveHandoffNote).toHaveBeenCalledWith('sch-1', {
        at: next.at,
        note: 'Watch the DB pool; cart is flaky',
        version: 1,
      }),
    );
  });

  it('shows the notes of an organisation with more schedules than one query may name', async () => {
    const records = Array.from({ length: 60 }, (_, i) => {
      const name = `rotation-${String(i).padStart(2, '0')}`;
      const record = makeScheduleRecord({ id: `sch-${i}`, name });
      return { ...record, schedule: { ...record.schedule, name } };
    });
    const range: TimeRange = {
      start: new Date().toISOString(),
      end: new Date(Date.now() + 14 * DAY).toISOString(),
    };
    const [next] = handoffsIn(records[59].schedule, range);
    api.getHandoffNotes.mockResolvedValue({
      notes: [
        note('sch-59', next.at, 'Watch the DB pool'),
        note('sch-other', next.at, 'Not on this page'),
      ],
    });
    await renderWithApis(
      <Handoffs schedules={records} range={range} profiles={new Map()} />,
      { api, entity: null },
    );

    const row = await screen.findByRole('listitem', {
      name: 'Next hand-off of rotation-59',
    });
    expect(
      await within(row).findByText('Watch the DB pool'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Not on this page')).not.toBeInTheDocument();
    expect(api.getHandoffNotes).toHaveBeenCalledTimes(1);
    expect(api.getHandoffNotes.mock.calls[0][0]).not.toHaveProperty(
      'scheduleId',
    );
  });

  it('opens the owning team’s checklist of the hand-off', async () => {
    const record = makeScheduleRecord();
    const range: TimeRange = {
      start: new Date().toISOString(),
      end: new Date(Date.now() + 14 * DAY).toISOString(),
    };
    const [next] = handoffsIn(record.schedule, range);
    api.getHandoffNotes.mockResolvedValue({ notes: [] });
    api.getHandoff.mockResolvedValue({
      scheduleId: 'sch-1',
      at: next.at,
      outgoing: next.outgoing,
      incoming: next.incoming,
      note: null,
      checklist: {
        incidents: [
          {
            id: 'i-1',
            humanId: 'INC-20261207-001',
            title: 'Cart answers 503',
            severity: 'SEV2',
            status: 'investigating',
            entityRef: 'component:default/cart',
          },
        ],
        actionItems: [],
        moreIncidents: false,
        moreActionItems: false,
      },
    });
    await renderWithApis(
      <Handoffs schedules={[record]} range={range} profiles={new Map()} />,
      { api, entity: null, allowed: false },
    );
    const row = await screen.findByRole('listitem', {
      name: 'Next hand-off of checkout-primary',
    });
    expect(row).toHaveTextContent('No hand-off note yet.');
    await userEvent.click(
      within(row).getByRole('button', { name: 'Checklist' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        'INC-20261207-001 Cart answers 503 (SEV2, investigating)',
      ),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent('Open action itemsNone.');
    expect(api.getHandoff).toHaveBeenCalledWith('sch-1', next.at);
  });

  it('shows the next person the note on the entity’s on-call card', async () => {
    const oncall = makeScheduleOnCall();
    api.getEntitySummary.mockResolvedValue({
      ...makeSummary(),
      oncall: { at: '2026-11-20T12:00:00.000Z', schedules: [oncall] },
    });
    api.getHandoffNotes.mockResolvedValue({
      notes: [
        {
          ...note('sch-1', oncall.next!.start, 'Pool is flaky'),
          author: LENA,
        },
      ],
    });
    await renderWithApis(<EntityOnCallCard />, { api });

    const noteBox = await screen.findByLabelText('Note for the next person');
    expect(noteBox).toHaveTextContent('Pool is flaky');
    expect(api.getHandoffNotes).toHaveBeenCalledWith({
      scheduleId: ['sch-1'],
      from: oncall.current!.start,
      to: oncall.next!.start,
    });
  });
});
