import { Entity } from '@backstage/catalog-model';
import { configure, screen, within } from '@testing-library/react';
import {
  makeSummary,
  mockReliabilityApi,
  renderWithApis,
} from '../../__testUtils__';
import { EntityReliabilityRollupContent } from '../EntityReliabilityRollupContent';
import { EntityReliabilityRollupCard } from './EntityReliabilityRollupCard';

configure({ asyncUtilTimeout: 10_000 });

const team: Entity = {
  apiVersion: 'backstage.io/v1',
  kind: 'Group',
  metadata: { name: 'team-checkout', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const CART = 'component:default/cart';
const CHECKOUT = 'component:default/checkout';

function teamSummary() {
  return {
    ...makeSummary({
      incidents: {
        openCount: 3,
        openByEntity: { [CART]: 3 },
        postmortemsDue: { count: 2, overdueCount: 1 },
      },
    }),
    entityRef: 'group:default/team-checkout',
    components: [CART, CHECKOUT],
  };
}

describe('the group reliability card and tab', () => {
  jest.setTimeout(30_000);
  const api = mockReliabilityApi();
  beforeEach(() => {
    jest.resetAllMocks();
    api.getEntitySummary.mockResolvedValue(teamSummary());
  });

  it('shows the postmortems the team owes, and how many are overdue, from the one summary request', async () => {
    await renderWithApis(<EntityReliabilityRollupCard />, {
      api,
      entity: team,
    });
    const stat = (await screen.findByText('Postmortems due')).parentElement!;
    expect(within(stat).getByText('2')).toBeInTheDocument();
    expect(within(stat).getByText('1 overdue')).toBeInTheDocument();
    expect(api.getEntitySummary).toHaveBeenCalledTimes(1);
  });

  it('lists the open incidents of each component, linked to its Incidents tab', async () => {
    api.getReview.mockReturnValue(new Promise(() => {}));
    await renderWithApis(<EntityReliabilityRollupContent />, {
      api,
      entity: team,
    });
    const cartRow = (await screen.findByText('3')).closest('tr')!;
    expect(
      within(cartRow).getByRole('link', { name: /3\s*open/ }),
    ).toHaveAttribute('href', '/catalog/default/component/cart/incidents');
    const rows = screen.getAllByRole('row');
    const checkoutRow = rows.find(row =>
      row.textContent?.includes('checkout'),
    )!;
    expect(within(checkoutRow).getByText('None')).toBeInTheDocument();
  });
});
