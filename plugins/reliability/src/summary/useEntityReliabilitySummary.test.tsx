import { EntityReliabilitySummary } from '@reliability-hub/plugin-reliability-common';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { EntityActionItemsCard } from '../actionItems/EntityActionItemsCard';
import { EntityIncidentsCard } from '../incidents/EntityIncidentsCard';
import {
  makeActionItem,
  makeIncident,
  makeSummary,
  mockReliabilityApi,
  renderWithApis,
} from '../__testUtils__';
import { useEntityReliabilitySummary } from './useEntityReliabilitySummary';

const summary = makeSummary({
  incidents: {
    openCount: 1,
    recent: [makeIncident({ title: 'Cart is slow' })],
  },
  actionItems: {
    openCount: 1,
    completionRate: 0,
    items: [makeActionItem({ title: 'Add a cart latency alert' })],
  },
});

/** Shows or hides the overview like a tab switch does. */
function Toggle() {
  const [shown, setShown] = useState(true);
  return (
    <>
      <button onClick={() => setShown(s => !s)}>toggle</button>
      {shown && (
        <>
          <EntityIncidentsCard />
          <EntityActionItemsCard />
        </>
      )}
    </>
  );
}

function RetryButton() {
  const { value, retry } = useEntityReliabilitySummary();
  return (
    <button onClick={retry}>
      retry {value?.incidents.openCount ?? 'none'}
    </button>
  );
}

describe('useEntityReliabilitySummary', () => {
  const api = mockReliabilityApi();

  beforeEach(() => {
    jest.resetAllMocks();
  });

  it('makes one request for both cards of the page', async () => {
    api.getEntitySummary.mockResolvedValue(summary);
    await renderWithApis(
      <>
        <EntityIncidentsCard />
        <EntityActionItemsCard />
      </>,
      { api },
    );

    expect(await screen.findByText('Cart is slow')).toBeInTheDocument();
    expect(screen.getByText('Add a cart latency alert')).toBeInTheDocument();
    expect(api.getEntitySummary).toHaveBeenCalledTimes(1);
  });

  it('asks again when the cards come back after leaving', async () => {
    api.getEntitySummary.mockResolvedValue(summary);
    await renderWithApis(<Toggle />, { api });
    expect(await screen.findByText('Cart is slow')).toBeInTheDocument();

    await userEvent.click(screen.getByText('toggle'));
    expect(screen.queryByText('Cart is slow')).not.toBeInTheDocument();
    await userEvent.click(screen.getByText('toggle'));

    expect(await screen.findByText('Cart is slow')).toBeInTheDocument();
    expect(api.getEntitySummary).toHaveBeenCalledTimes(2);
  });

  it('retries for every card that shares the summary', async () => {
    let answer: (value: EntityReliabilitySummary) => void = () => {};
    api.getEntitySummary
      .mockResolvedValueOnce(makeSummary())
      .mockReturnValueOnce(new Promise(resolve => (answer = resolve)));
    await renderWithApis(
      <>
        <RetryButton />
        <EntityIncidentsCard />
      </>,
      { api },
    );
    expect(await screen.findByText('retry 0')).toBeInTheDocument();
    expect(
      screen.getByText(/No incidents recorded for this component/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByText('retry 0'));
    await act(async () => answer(summary));

    await waitFor(() =>
      expect(screen.getByText('retry 1')).toBeInTheDocument(),
    );
    expect(screen.getByText('Cart is slow')).toBeInTheDocument();
    expect(api.getEntitySummary).toHaveBeenCalledTimes(2);
  });
});
