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
    expect(screen.getByText('component: checkout')).toBeInTheDocument();
  });

  it('shows a postmortem with its type, status and component, its Markdown as plain text', async () => {
    await renderInTestApp(
      <PostmortemSearchResultListItem
        result={{
          title: 'Checkout 503s from pool exhaustion',
          text: '## Root cause\n\nThe **pool of 50** connections ran dry.\n\n- no alert',
          entityRef: 'component:payments/ledger',
          severities: ['SEV1', 'SEV3'],
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
    expect(screen.getByText('component: payments/ledger')).toBeInTheDocument();
    expect(screen.getByText('SEV1')).toBeInTheDocument();
    expect(screen.getByText('SEV3')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Root cause The pool of 50 connections ran dry. no alert',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('DRILL')).not.toBeInTheDocument();
  });

  it('marks a drill’s debrief among the postmortems found', async () => {
    await renderInTestApp(
      <PostmortemSearchResultListItem
        result={{
          title: 'Game day: checkout loses its pool',
          text: 'We walked the runbook.',
          location: '/x',
          severities: ['SEV2'],
          drill: 'game_day',
        }}
      />,
    );
    expect(screen.getByText('DRILL')).toBeInTheDocument();
  });

  it('keeps the highlighting of a Markdown snippet while making it plain', async () => {
    await renderInTestApp(
      <PostmortemSearchResultListItem
        result={{
          title: 'Checkout 503s',
          text: 'unused',
          location: '/x',
        }}
        highlight={{
          preTag: '<hl-1>',
          postTag: '</hl-1>',
          fields: { text: 'demand exceeded the **<hl-1>pool</hl-1> of 50**' },
        }}
      />,
    );

    expect(screen.getByText('pool', { selector: 'mark' })).toBeInTheDocument();
    expect(screen.getByText(/demand exceeded the/)).not.toHaveTextContent('*');
  });
});
