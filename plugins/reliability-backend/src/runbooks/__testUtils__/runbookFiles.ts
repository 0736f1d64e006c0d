/**
 * Realistic runbook files shared by the tests (and usable as demo data).
 *
 * @internal
 */
export const DB_POOL_YAML = `# Checkout database connection pool exhaustion
id: db-connection-pool-exhaustion
title: Database connection pool exhaustion
service: checkout
incidentType: saturation
severity: sev2
alerts:
  - CheckoutDBPoolSaturated
  - CheckoutHighLatencyP99
tags: [Database, postgres, checkout]
owner: payments-team
lastReviewed: 2026-09-01
reviewIntervalDays: 30
description: |
  The checkout service exhausts its PostgreSQL connection pool; requests
  queue for a connection and p99 latency climbs until the SLO burns.
prerequisites:
  - kubectl access to the checkout namespace
  - read access to the checkout Grafana dashboards
steps:
  - id: 1
    title: Confirm pool saturation
    description: Check the pool usage panel and the pods' resource usage.
    commands:
      - kubectl -n checkout top pods
      - run: kubectl -n checkout logs deploy/checkout --since=10m | grep -i "pool"
        description: Look for "timeout acquiring connection"
    expected: Pool usage above 80 % on at least one pod
    decisions:
      - condition: pool usage > 90 %
        action: skip the slow-query hunt and relieve pressure first
        next: 3
  - id: 2
    title: Find slow queries holding connections
    commands:
      - >-
        psql "$CHECKOUT_DB_URL" -c "select pid, now() - query_start as age, query
        from pg_stat_activity where state <> 'idle' order by age desc limit 10"
    expected: A handful of long-running queries, or none
    decisions:
      - condition: a single query has run for more than 5 minutes
        action: cancel it with pg_cancel_backend(pid)
  - id: 3
    title: Relieve pressure
    commands:
      - kubectl -n checkout scale deploy/checkout --replicas=6
      - kubectl -n checkout rollout restart deploy/checkout
    expected: Pool usage below 70 % within 5 minutes
    decisions:
      - condition: usage still above 90 % after 10 minutes
        action: escalate to the database on-call
        next: 1
verification:
  - CheckoutDBPoolSaturated has resolved
  - p99 latency of POST /orders is back under 400 ms
escalation:
  - level: 1
    who: payments on-call
    contact: "pagerduty:payments-primary"
    after: 15 minutes without mitigation
  - level: 2
    who: database platform team
    contact: "#db-platform"
    after: 30 minutes
`;

/** @internal */
export const ROLLBACK_MARKDOWN = `---
id: checkout-rollback
title: Roll back a bad checkout deployment
entityRef: component:default/checkout
severity: SEV1
alerts: [CheckoutErrorRateHigh]
tags: [deploy, rollback]
owner: group:default/payments-team
lastReviewed: 2026-10-15
steps:
  - title: Identify the bad revision
    commands:
      - kubectl -n checkout rollout history deploy/checkout
  - title: Roll back
    commands:
      - kubectl -n checkout rollout undo deploy/checkout
    expected: The previous ReplicaSet is serving
    decisions:
      - condition: the error rate does not drop within 5 minutes
        action: the deployment was not the cause; go back
        next: 1
verification:
  - CheckoutErrorRateHigh has resolved
escalation:
  - who: release manager
    contact: "#releases"
---
# Roll back a bad checkout deployment

Use this when the error rate of checkout jumps right after a deploy.
`;
