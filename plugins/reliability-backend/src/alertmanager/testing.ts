import { Entity } from '@backstage/catalog-model';
import { ANNOTATION_ALERT_SELECTOR } from '@reliability-hub/plugin-reliability-common';
import { createHash } from 'node:crypto';

/**
 * Test helpers: catalog entities with an alert selector and Alertmanager
 * payloads as they arrive on the wire (version 4).
 */

/** @internal */
export function componentWithSelector(name: string, selector?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: selector ? { [ANNOTATION_ALERT_SELECTOR]: selector } : {},
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-a',
    },
  };
}

/** One alert in the webhook's JSON form. @internal */
export interface RawAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
  fingerprint: string;
}

/** Alertmanager's fingerprint stand-in: a stable hash of the labels. @internal */
export function fingerprintOf(labels: Record<string, string>): string {
  const text = Object.keys(labels)
    .sort()
    .map(key => `${key}=${labels[key]}`)
    .join(',');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** @internal */
export function rawAlert(options: {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt: string;
  endsAt?: string;
}): RawAlert {
  return {
    status: options.endsAt ? 'resolved' : 'firing',
    labels: options.labels,
    annotations: options.annotations ?? {},
    startsAt: options.startsAt,
    endsAt: options.endsAt ?? '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus.example/graph?g0.expr=up',
    fingerprint: fingerprintOf(options.labels),
  };
}

/** A payload of one group; common labels and annotations as Alertmanager derives them. @internal */
export function rawPayload(
  alerts: RawAlert[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const common = (pick: (alert: RawAlert) => Record<string, string>) =>
    Object.fromEntries(
      Object.entries(alerts.length ? pick(alerts[0]) : {}).filter(
        ([key, value]) => alerts.every(alert => pick(alert)[key] === value),
      ),
    );
  const commonLabels = common(alert => alert.labels);
  return {
    version: '4',
    status: alerts.some(alert => alert.status === 'firing')
      ? 'firing'
      : 'resolved',
    receiver: 'reliability-hub',
    groupKey: `{}:{alertname="${commonLabels.alertname ?? ''}", service="${
      commonLabels.service ?? ''
    }"}`,
    truncatedAlerts: 0,
    groupLabels: Object.fromEntries(
      ['alertname', 'service']
        .filter(key => commonLabels[key] !== undefined)
        .map(key => [key, commonLabels[key]]),
    ),
    commonLabels,
    commonAnnotations: common(alert => alert.annotations),
    externalURL: 'http://alertmanager.example:9093',
    alerts,
    ...overrides,
  };
}

/** `reliability.alertmanager` as tests set it. @internal */
export type AlertmanagerConfig = {
  webhookSecret?: string;
  resolveIncidents?: boolean;
  severityByLabel?: { [labelValue: string]: string };
};
