import { Readable } from 'node:stream';

/**
 * An OpenSLO file with a push SLO (Occurrences, 28 days), a Timeslices push
 * SLO and a Prometheus SLO, for tests.
 *
 * @internal
 */
export const TEST_OPENSLO = `---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: payments-requests
spec:
  ratioMetric:
    good:
      metricSource:
        type: push
        spec: {}
    total:
      metricSource:
        type: push
        spec: {}
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: payments-availability
  displayName: Payments availability
spec:
  service: payments
  indicatorRef: payments-requests
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Requests without a 5xx
      target: 0.999
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: payments-latency
  displayName: Payments latency
spec:
  service: payments
  indicatorRef: payments-requests
  timeWindow:
    - duration: 7d
      isRolling: true
  budgetingMethod: Timeslices
  objectives:
    - displayName: Fast 5-minute slices
      target: 0.99
      timeSliceTarget: 0.95
      timeSliceWindow: 5m
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: payments-prometheus
  displayName: Payments from Prometheus
spec:
  service: payments
  indicator:
    metadata:
      name: payments-prometheus-requests
    spec:
      ratioMetric:
        good:
          metricSource:
            type: Prometheus
            spec:
              query: 'sum(rate(ok[{{.window}}]))'
        total:
          metricSource:
            type: Prometheus
            spec:
              query: 'sum(rate(all[{{.window}}]))'
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: OK
      target: 0.99
`;

/** Where the test entity's OpenSLO file lives. */
export const TEST_OPENSLO_URL =
  'https://git.example.com/acme/payments/openslo.yaml';

/**
 * A component owned by `owner` whose OpenSLO file is at
 * {@link TEST_OPENSLO_URL}.
 *
 * @internal
 */
export function paymentsEntity(owner: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments',
      annotations: {
        'reliability-hub.io/openslo': `url:${TEST_OPENSLO_URL}`,
      },
    },
    spec: { type: 'service', owner, system: 'shop' },
    relations: [
      { type: 'ownedBy', targetRef: owner },
      { type: 'partOf', targetRef: 'system:default/shop' },
    ],
  };
}

/** A UrlReader answer for a text file. */
export function textResponse(text: string, etag = 'v1') {
  return {
    buffer: async () => Buffer.from(text, 'utf8'),
    stream: () => Readable.from([Buffer.from(text, 'utf8')]),
    etag,
  };
}
