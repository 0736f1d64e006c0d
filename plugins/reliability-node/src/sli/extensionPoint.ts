import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { SliSource } from './types';

/**
 * Lets backend modules add SLI sources to the reliability backend.
 *
 * @public
 */
export interface ReliabilitySliSourcesExtensionPoint {
  /** Adds a source; the type must not be taken by another source. */
  addSliSource(source: SliSource): void;
}

/**
 * Extension point of the reliability backend for SLI sources.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'reliability',
 *   moduleId: 'datadog',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { sources: reliabilitySliSourcesExtensionPoint },
 *       async init({ sources }) {
 *         sources.addSliSource(new DatadogSliSource());
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const reliabilitySliSourcesExtensionPoint =
  createExtensionPoint<ReliabilitySliSourcesExtensionPoint>({
    id: 'reliability.sli-sources',
  });
