import { runbookPagePath } from '@reliability-hub/plugin-reliability-common';
import { NewIncident, NewIncidentEvent } from '../incidents/IncidentStore';
import { demoId } from './demoId';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A demo incident with its timeline. */
export interface DemoIncident {
  incident: NewIncident;
  events: NewIncidentEvent[];
  /** A drill's runbooks (by id), validated when it was resolved. */
  validates?: string[];
}

/** The checkout runbook the demo's game day walked through. */
export const DEMO_GAME_DAY_RUNBOOK =
  'component:default/checkout/db-connection-pool-exhaustion';

const user = (name: string) => `user:default/${name}`;

/**
 * The Acme Shop incidents: the stories of the demo, placed relative to `now`.
 * `appBaseUrl` makes the drill's runbook link absolute, as declaring one in
 * the portal does.
 *
 * @internal
 */
export function demoIncidents(now: Date, appBaseUrl = ''): DemoIncident[] {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const at = (start: Date, ms: number) => new Date(start.getTime() + ms);

  const poolStart = ago(31 * DAY + 6 * HOUR);
  const latencyStart = ago(12 * DAY + 3 * HOUR);
  const fraudStart = ago(47 * MINUTE);
  const paymentsStart = ago(86 * DAY);
  // Before the latency incident: the timeline's first span stays that one.
  const gameDayStart = ago(20 * DAY + 2 * HOUR);

  return [
    {
      incident: {
        id: demoId('checkout-connection-pool'),
        title: 'Checkout API errors: database connection pool exhausted',
        entityRef: 'component:default/checkout',
        severity: 'SEV2',
        status: 'resolved',
        summary:
          'The new fraud-scoring step held database connections across a remote call. At 150 % of normal volume the pool of 50 connections ran dry and about 18 % of checkout requests failed with HTTP 503 for 75 minutes.',
        commander: user('jonas.weber'),
        source: 'alertmanager',
        externalId: 'demo:checkout:HighErrorRate',
        runbookUrl:
          'https://wiki.acme-shop.example/runbooks/checkout/connection-pool-exhaustion',
        startedAt: poolStart,
        detectedAt: at(poolStart, 4 * MINUTE),
        acknowledgedAt: at(poolStart, 9 * MINUTE),
        mitigatedAt: at(poolStart, 52 * MINUTE),
        resolvedAt: at(poolStart, 75 * MINUTE),
      },
      events: [
        {
          type: 'alert_firing',
          at: at(poolStart, 4 * MINUTE),
          author: 'alertmanager',
          message: 'HighErrorRate firing: 5xx ratio 17.9 % (threshold 1 %)',
        },
        {
          type: 'status_change',
          at: at(poolStart, 9 * MINUTE),
          author: user('jonas.weber'),
          message: 'Acknowledged; investigating elevated 503s on POST /orders',
          data: { to: 'investigating' },
        },
        {
          type: 'note',
          at: at(poolStart, 21 * MINUTE),
          author: user('priya.raman'),
          message:
            'Connection pool metrics flat at 50/50 in use, wait queue growing. Scoring deploy 40 min before onset.',
        },
        {
          type: 'status_change',
          at: at(poolStart, 28 * MINUTE),
          author: user('jonas.weber'),
          message: 'Identified: pool exhaustion from the scoring feature',
          data: { from: 'investigating', to: 'identified' },
        },
        {
          type: 'status_change',
          at: at(poolStart, 52 * MINUTE),
          author: user('jonas.weber'),
          message:
            'Pool raised to 100 and scoring behind its flag; error rate back under 0.1 %',
          data: { from: 'identified', to: 'monitoring' },
        },
        {
          type: 'alert_resolved',
          at: at(poolStart, 70 * MINUTE),
          author: 'alertmanager',
          message: 'HighErrorRate resolved',
        },
        {
          type: 'status_change',
          at: at(poolStart, 75 * MINUTE),
          author: user('jonas.weber'),
          message: 'Resolved after 20 minutes of clean monitoring',
          data: { from: 'monitoring', to: 'resolved' },
        },
      ],
    },
    {
      incident: {
        id: demoId('checkout-high-latency'),
        title: 'Checkout p95 latency above 500 ms',
        entityRef: 'component:default/checkout',
        severity: 'SEV3',
        status: 'resolved',
        summary:
          'A cold cache after the cart service redeploy pushed checkout p95 latency to 1.2 s for 38 minutes.',
        commander: user('marcus.bell'),
        source: 'alertmanager',
        externalId: 'demo:checkout:HighLatency',
        runbookUrl: 'https://wiki.acme-shop.example/runbooks/checkout/latency',
        startedAt: latencyStart,
        detectedAt: at(latencyStart, 5 * MINUTE),
        acknowledgedAt: at(latencyStart, 7 * MINUTE),
        mitigatedAt: at(latencyStart, 30 * MINUTE),
        resolvedAt: at(latencyStart, 38 * MINUTE),
      },
      events: [
        {
          type: 'alert_firing',
          at: at(latencyStart, 5 * MINUTE),
          author: 'alertmanager',
          message: 'HighLatency firing: p95 1.21 s (threshold 500 ms)',
        },
        {
          type: 'alert_resolved',
          at: at(latencyStart, 38 * MINUTE),
          author: 'alertmanager',
          message: 'HighLatency resolved',
        },
      ],
    },
    {
      incident: {
        id: demoId('fraud-detector-model-timeouts'),
        title: 'Fraud scoring timeouts above 5 %',
        entityRef: 'component:default/fraud-detector',
        severity: 'SEV3',
        status: 'investigating',
        summary:
          'Model inference calls time out for about 6 % of transactions; payments fall back to rule-based scoring.',
        commander: user('haruto.mori'),
        source: 'alertmanager',
        externalId: 'demo:fraud-detector:ModelInferenceTimeouts',
        runbookUrl:
          'https://wiki.acme-shop.example/runbooks/fraud-detector/model-failure',
        startedAt: fraudStart,
        detectedAt: at(fraudStart, 3 * MINUTE),
        acknowledgedAt: at(fraudStart, 8 * MINUTE),
      },
      events: [
        {
          type: 'alert_firing',
          at: at(fraudStart, 3 * MINUTE),
          author: 'alertmanager',
          message: 'ModelInferenceTimeouts firing: 6.2 % of calls over 800 ms',
        },
        {
          type: 'status_change',
          at: at(fraudStart, 8 * MINUTE),
          author: user('haruto.mori'),
          message: 'Acknowledged; checking the model server pods',
          data: { to: 'investigating' },
        },
      ],
    },
    {
      incident: {
        id: demoId('payments-api-outage'),
        title:
          'Payments API outage: expired TLS certificate to the card processor',
        entityRef: 'component:default/payments-api',
        severity: 'SEV1',
        status: 'resolved',
        summary:
          'The client certificate for the card processor expired; every card payment failed for 42 minutes.',
        commander: user('anna.kowalska'),
        source: 'portal',
        startedAt: paymentsStart,
        detectedAt: at(paymentsStart, 2 * MINUTE),
        acknowledgedAt: at(paymentsStart, 4 * MINUTE),
        mitigatedAt: at(paymentsStart, 38 * MINUTE),
        resolvedAt: at(paymentsStart, 42 * MINUTE),
      },
      events: [
        {
          type: 'status_change',
          at: at(paymentsStart, 4 * MINUTE),
          author: user('anna.kowalska'),
          message: 'Declared SEV1: all card payments failing',
          data: { to: 'investigating' },
        },
        {
          type: 'status_change',
          at: at(paymentsStart, 38 * MINUTE),
          author: user('daniel.reyes'),
          message: 'New certificate deployed; payments succeeding',
          data: { from: 'investigating', to: 'monitoring' },
        },
      ],
    },
    {
      // The team rehearsed the pool exhaustion that hurt them a month ago,
      // walking its runbook on a staging replica of checkout.
      incident: {
        id: demoId('checkout-game-day-pool'),
        title: 'Game day: checkout database connection pool exhaustion',
        entityRef: 'component:default/checkout',
        severity: 'SEV2',
        status: 'resolved',
        drill: 'game_day',
        summary:
          'Planned exercise on checkout-staging: the pool was capped at 10 connections under replayed promotion traffic, and the on-call engineer worked through the pool exhaustion runbook from the alert to recovery.',
        commander: user('lena.hoffmann'),
        communications: user('marcus.bell'),
        source: 'portal',
        runbookUrl: `${appBaseUrl.replace(/\/+$/, '')}${runbookPagePath(
          DEMO_GAME_DAY_RUNBOOK,
        )}`,
        startedAt: gameDayStart,
        detectedAt: at(gameDayStart, 3 * MINUTE),
        acknowledgedAt: at(gameDayStart, 5 * MINUTE),
        mitigatedAt: at(gameDayStart, 24 * MINUTE),
        resolvedAt: at(gameDayStart, 35 * MINUTE),
      },
      events: [
        {
          type: 'note',
          at: at(gameDayStart, 1 * MINUTE),
          author: user('lena.hoffmann'),
          message:
            'Game day started: pool capped at 10 on checkout-staging, promotion traffic replayed at 150 %.',
        },
        {
          type: 'status_change',
          at: at(gameDayStart, 5 * MINUTE),
          author: user('priya.raman'),
          message: 'Acknowledged from the page; opening the pool runbook',
          data: { to: 'investigating' },
        },
        {
          type: 'note',
          at: at(gameDayStart, 14 * MINUTE),
          author: user('priya.raman'),
          message:
            'Runbook step 2: pg_stat_activity shows 10 of 10 connections active, 40 waiting. Step 3 points at the scoring client.',
        },
        {
          type: 'status_change',
          at: at(gameDayStart, 24 * MINUTE),
          author: user('priya.raman'),
          message:
            'Runbook step 4: pool raised and scoring flag off; errors gone',
          data: { from: 'investigating', to: 'monitoring' },
        },
        {
          type: 'status_change',
          at: at(gameDayStart, 35 * MINUTE),
          author: user('lena.hoffmann'),
          message: 'Game day over: the runbook held end to end',
          data: { from: 'monitoring', to: 'resolved' },
        },
      ],
      validates: [DEMO_GAME_DAY_RUNBOOK],
    },
    ...olderIncidents(now),
  ];
}

const OLDER = [
  ['cart', 'Cart badge count stale after login', 'marcus.bell'],
  [
    'catalog-search',
    'Search suggestions slow for long queries',
    'sofia.marquez',
  ],
  ['checkout', 'Gift card balance shown as zero', 'priya.raman'],
  ['payments-api', 'Refund webhook retries piling up', 'grace.liang'],
  ['ledger', 'Nightly reconciliation job ran 2 h late', 'yuki.tanaka'],
  ['fraud-detector', 'Model drift alert on weekend traffic', 'haruto.mori'],
  ['catalog-search', 'Index refresh lagging behind product feed', 'kenji.sato'],
  ['cart', 'Promo code validation intermittently 502', 'lena.hoffmann'],
  ['checkout', 'Address autocomplete timing out in Safari', 'marcus.bell'],
  [
    'payments-api',
    'Card processor sandbox keys used in canary',
    'daniel.reyes',
  ],
  ['ledger', 'Duplicate journal entries for split refunds', 'anna.kowalska'],
  ['catalog-search', 'Facet counts wrong after reindex', 'amara.okafor'],
  ['cart', 'Saved carts lost on session renewal', 'jonas.weber'],
  ['checkout', 'Shipping estimate missing for island postcodes', 'priya.raman'],
  ['fraud-detector', 'Feature store read latency spike', 'haruto.mori'],
  ['payments-api', 'Settlement report generated twice', 'grace.liang'],
  ['ledger', 'Currency rounding differs from processor', 'yuki.tanaka'],
  ['catalog-search', 'Synonym list not applied in German locale', 'kenji.sato'],
  ['cart', 'Quantity stepper allows zero items', 'priya.raman'],
  ['checkout', 'Order confirmation emails delayed 20 min', 'lena.hoffmann'],
  ['fraud-detector', 'Rule engine config reload failed', 'daniel.reyes'],
  ['payments-api', 'PayPal callbacks rejected by WAF rule', 'anna.kowalska'],
  ['ledger', 'Month-end close job out of memory', 'yuki.tanaka'],
  ['catalog-search', 'Typo tolerance disabled by a flag flip', 'sofia.marquez'],
] as const;

/** Smaller incidents over the last year, so history tables have pages. */
function olderIncidents(now: Date): DemoIncident[] {
  const result: DemoIncident[] = [];
  for (let i = 0; i < OLDER.length; i++) {
    const [component, title, commander] = OLDER[i];
    const start = new Date(
      now.getTime() - (9 + i * 14.5) * DAY - (i % 7) * HOUR,
    );
    const minutes = 12 + ((i * 17) % 90);
    result.push({
      incident: {
        id: demoId(`older-${i}`),
        title,
        entityRef: `component:default/${component}`,
        severity: i % 5 === 0 ? 'SEV3' : 'SEV4',
        status: 'resolved',
        commander: user(commander),
        source: 'portal',
        startedAt: start,
        detectedAt: new Date(start.getTime() + 3 * MINUTE),
        acknowledgedAt: new Date(start.getTime() + (5 + (i % 4) * 3) * MINUTE),
        mitigatedAt: new Date(start.getTime() + (minutes - 5) * MINUTE),
        resolvedAt: new Date(start.getTime() + minutes * MINUTE),
      },
      events: [],
    });
  }
  return result;
}
