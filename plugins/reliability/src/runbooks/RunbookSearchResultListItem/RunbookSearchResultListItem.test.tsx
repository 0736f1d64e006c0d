import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { RunbookSearchResultListItem } from './RunbookSearchResultListItem';
import { PostmortemSearchResultListItem } from '../../postmortems/PostmortemSearchResultListItem';

describe('search result list items', () => {
  it('shows a runbook with its type, severity, overdue review and alerts, highlighted', async () => {
    await renderInTestApp(
      <RunbookSearchResultListItem
        result={{
          title: 'Database connection pool exhaustion',
          text: 'Restart checkout with kubectl rollout restart',
          location:
            '/reliability/runbooks/component%3Adefault%2Fcheckout%2Fdb-pool',
          severity: 'SEV2',
          stale: true,
          alerts: ['HighErrorRate'],
          entityRef: 'component:default/checkout',
        }}
        highlight={{
          preTag: '<mark>',
          postTag: '</mark>',
          fields: {
            text: 'Restart checkout with <mark>kubectl</mark> rollout',
          },
        }}
      />,
    );

    expect(
      screen.getByText('Database connection pool exhaustion').closest('a'),
    ).toHaveAttribute(
      'href',
      '/reliability/runbooks/component%3Adefault%2Fcheckout%2Fdb-pool',
    );
    expect(
      screen.getByText('kubectl', { selector: 'mark' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Runbook')).toBeInTheDocument();
    expect(screen.getByText('SEV2')).toBeInTheDocument();
    expect(screen.getByText('Review overdue')).toBeInTheDocument();
    expect(screen.getByText('alert: HighErrorRate')).toBeInTheDocument();
  });

  it('shows a postmortem with its type and status', async () => {
    await renderInTestApp(
      <PostmortemSearchResultListItem
        result={{
          title: 'Checkout 503s from pool exhaustion',
          text: 'The pool of 50 connections ran dry',
          location:
            '/catalog/default/component/checkout/incidents/postmortems/pm-1',
          status: 'published',
        }}
      />,
    );

    expect(
      screen.getByText('Checkout 503s from pool exhaustion').closest('a'),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/incidents/postmortems/pm-1',
    );
    expect(screen.getByText('Postmortem')).toBeInTheDocument();
    expect(screen.getByText('status: Published')).toBeInTheDocument();
  });
});
