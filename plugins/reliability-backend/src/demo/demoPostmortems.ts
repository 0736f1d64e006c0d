import { NewActionItem } from '../actionItems/ActionItemStore';
import { NewPostmortem } from '../postmortems/PostmortemStore';
import { demoId } from './demoId';

const DAY = 24 * 60 * 60 * 1000;
const user = (name: string) => `user:default/${name}`;
const group = (name: string) => `group:default/${name}`;

/** A demo postmortem with its action items. */
export interface DemoPostmortem {
  postmortem: NewPostmortem & { id: string };
  actionItems: Array<
    Omit<NewActionItem, 'postmortemId' | 'entityRef'> & { id: string }
  >;
}

/**
 * The Acme Shop postmortems: one published, one in review, one draft, with
 * action items done, in progress, open and overdue, and the published
 * debrief of the checkout game day. Due dates are relative to `now`.
 *
 * @internal
 */
export function demoPostmortems(now: Date): DemoPostmortem[] {
  const day = (offsetDays: number) =>
    new Date(now.getTime() + offsetDays * DAY).toISOString().slice(0, 10);
  const at = (offsetDays: number) => new Date(now.getTime() + offsetDays * DAY);

  return [
    {
      postmortem: {
        id: demoId('postmortem-checkout-connection-pool'),
        entityRef: 'component:default/checkout',
        incidentIds: [demoId('checkout-connection-pool')],
        title: 'Checkout 503s from database connection pool exhaustion',
        status: 'published',
        publishedAt: at(-24),
        author: user('jonas.weber'),
        reviewers: [user('lena.hoffmann'), user('daniel.reyes')],
        impactUsersAffected:
          'About 18 % of checkout attempts (≈ 4,100 orders) failed with HTTP 503.',
        impactDurationMinutes: 75,
        impactErrorBudget:
          'Consumed 41 % of the 28-day error budget of the checkout availability SLO (99.9 %).',
        summary:
          'A new fraud-scoring step held a database connection open across a remote call. When traffic reached 150 % of normal on a promotion, the pool of 50 connections ran dry and checkout requests failed for 75 minutes.',
        impact:
          'Customers saw "Something went wrong" on the payment step. Support received 212 tickets. No orders were lost or double-charged.',
        timeline: [
          '- 14:02 UTC: scoring feature enabled for 100 % of traffic',
          '- 14:40 UTC: promotion email goes out; traffic climbs to 150 %',
          '- 14:44 UTC: HighErrorRate fires (5xx ratio 17.9 %)',
          '- 14:49 UTC: Jonas acknowledges and takes command',
          '- 15:08 UTC: pool saturation identified from the connection pool metrics',
          '- 15:32 UTC: pool raised to 100, scoring put behind its flag; errors fall below 0.1 %',
          '- 15:55 UTC: resolved after 20 minutes of clean monitoring',
        ].join('\n'),
        rootCause:
          'The scoring client borrowed a connection before calling the fraud service and returned it afterwards, so every request held a connection for the full remote call (p99 800 ms). At 150 % volume, demand exceeded the **pool of 50**.',
        contributingFactors:
          '- The pool size was last reviewed two years ago.\n- Pool saturation was not on any dashboard or alert.\n- The load test for the scoring feature ran at 100 % volume only.',
        wentWell:
          '- The alert fired within 4 minutes.\n- The feature flag made the mitigation a one-line change.',
        toImprove:
          '- It took 19 minutes to find the pool as the cause.\n- The runbook had no section on connection pools.',
        lessonsLearned:
          'Never hold a pooled resource across a remote call. Capacity limits that are not measured are not limits we know.',
      },
      actionItems: [
        {
          id: demoId('ai-pool-100'),
          title: 'Raise the checkout connection pool to 100',
          type: 'mitigate',
          priority: 'P1',
          owner: group('team-checkout'),
          dueDate: day(-29),
          status: 'done',
          completedAt: at(-30),
        },
        {
          id: demoId('ai-pool-autoscale'),
          title: 'Autoscale the connection pool with replica count',
          type: 'prevent',
          priority: 'P2',
          owner: group('sre'),
          dueDate: day(14),
          status: 'in_progress',
          ticketUrl: 'https://tickets.acme-shop.example/SRE-412',
        },
        {
          id: demoId('ai-pool-dashboards'),
          title:
            'Put pool saturation on the checkout dashboard and alert at 80 %',
          type: 'detect',
          priority: 'P2',
          owner: user('jonas.weber'),
          dueDate: day(-20),
          status: 'done',
          completedAt: at(-22),
        },
        {
          id: demoId('ai-scoring-connections'),
          title: 'Release the connection before the fraud-scoring call',
          description:
            'The scoring client must not hold a pooled connection across the remote call.',
          type: 'prevent',
          priority: 'P1',
          owner: user('priya.raman'),
          dueDate: day(-7),
          status: 'open',
          ticketUrl: 'https://tickets.acme-shop.example/CHK-881',
        },
        {
          id: demoId('ai-pool-runbook'),
          title: 'Add connection pool exhaustion to the checkout runbook',
          type: 'process',
          priority: 'P3',
          owner: user('lena.hoffmann'),
          dueDate: day(-21),
          status: 'done',
          completedAt: at(-25),
        },
      ],
    },
    {
      postmortem: {
        id: demoId('postmortem-payments-certificate'),
        entityRef: 'component:default/payments-api',
        incidentIds: [demoId('payments-api-outage')],
        title: 'Card payments down: expired client certificate',
        status: 'in_review',
        author: user('anna.kowalska'),
        reviewers: [user('daniel.reyes')],
        impactUsersAffected:
          'Every card payment for 42 minutes (≈ 9,800 attempts).',
        impactDurationMinutes: 42,
        impactErrorBudget:
          'Exhausted the month’s budget of the payments availability SLO (99.95 %).',
        summary:
          'The mutual-TLS client certificate for the card processor expired at midnight UTC. Nothing warned us; payments failed until a new certificate was issued and deployed.',
        impact:
          'All card payments were declined with a generic error. PayPal payments were unaffected.',
        timeline: '',
        rootCause:
          'The certificate was issued by hand a year ago and its expiry was tracked in a calendar that nobody owned.',
        contributingFactors:
          '- No monitoring of certificate expiry.\n- Issuing a certificate needed a person with processor portal access.',
        wentWell: '- Declared as SEV1 within 4 minutes.',
        toImprove:
          '- 30 minutes were spent finding who could issue a certificate.',
        lessonsLearned: '',
      },
      actionItems: [
        {
          id: demoId('ai-cert-expiry-alert'),
          title: 'Alert 30 days before any certificate expires',
          type: 'detect',
          priority: 'P0',
          owner: user('daniel.reyes'),
          dueDate: day(-45),
          status: 'done',
          completedAt: at(-60),
        },
        {
          id: demoId('ai-cert-rotation'),
          title: 'Rotate the processor certificate automatically',
          type: 'prevent',
          priority: 'P1',
          owner: group('team-payments'),
          dueDate: day(-3),
          status: 'in_progress',
        },
        {
          id: demoId('ai-cert-access'),
          title: 'Give two on-call engineers processor portal access',
          type: 'process',
          priority: 'P2',
          owner: user('anna.kowalska'),
          dueDate: day(10),
          status: 'open',
        },
      ],
    },
    {
      postmortem: {
        id: demoId('postmortem-checkout-latency'),
        entityRef: 'component:default/checkout',
        incidentIds: [demoId('checkout-high-latency')],
        title: 'Checkout latency after the cart redeploy',
        status: 'draft',
        author: user('marcus.bell'),
        reviewers: [],
        impactDurationMinutes: 38,
        summary:
          'A cold cache after the cart service redeploy pushed checkout p95 latency to 1.2 s.',
        impact: '',
        timeline: '',
        rootCause: '',
        contributingFactors: '',
        wentWell: '',
        toImprove: '',
        lessonsLearned: '',
      },
      actionItems: [
        {
          id: demoId('ai-cart-cache-warmup'),
          title: 'Warm the cart cache before a deploy takes traffic',
          type: 'prevent',
          priority: 'P2',
          owner: user('marcus.bell'),
          dueDate: day(7),
          status: 'open',
        },
      ],
    },
    {
      postmortem: {
        id: demoId('postmortem-checkout-game-day-pool'),
        entityRef: 'component:default/checkout',
        incidentIds: [demoId('checkout-game-day-pool')],
        title: 'Game day debrief: connection pool exhaustion',
        status: 'published',
        publishedAt: at(-19),
        author: user('lena.hoffmann'),
        reviewers: [user('jonas.weber')],
        approvedBy: user('jonas.weber'),
        approvedAt: at(-19),
        impactUsersAffected: 'None: a planned exercise on checkout-staging.',
        impactDurationMinutes: 35,
        summary:
          "We replayed last month's pool exhaustion on staging and had the on-call engineer follow the runbook cold. The page arrived in 3 minutes and the runbook led from the alert to recovery in 24.",
        impact: 'No customer impact; staging only.',
        timeline: [
          '- 10:00 UTC: pool capped at 10 on checkout-staging, traffic replayed at 150 %',
          '- 10:03 UTC: CheckoutDBPoolSaturated pages the primary',
          '- 10:05 UTC: Priya acknowledges and opens the runbook',
          '- 10:24 UTC: pool raised, scoring flag off; errors gone',
          '- 10:35 UTC: game day over',
        ].join('\n'),
        rootCause:
          'Injected on purpose: the pool cap of 10 stands in for the pool of 50 at 150 % volume.',
        contributingFactors: '',
        wentWell:
          "- The new pool saturation alert paged before the error rate rose.\n- The runbook's diagnosis query found the waiting connections at once.",
        toImprove: '- Step 4 named the old Helm value for the pool size.',
        lessonsLearned:
          'The runbook works when followed cold; keep its commands in step with the chart.',
      },
      actionItems: [
        {
          id: demoId('ai-game-day-runbook-helm'),
          title: 'Name the current Helm value for the pool size in the runbook',
          type: 'process',
          priority: 'P3',
          owner: user('priya.raman'),
          dueDate: day(-12),
          status: 'done',
          completedAt: at(-18),
        },
      ],
    },
  ];
}
