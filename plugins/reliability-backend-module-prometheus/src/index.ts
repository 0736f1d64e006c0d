/**
 * The Prometheus SLI source of Reliability Hub, a module of
 * `@reliability-hub/plugin-reliability-backend`. Install it with
 * `backend.add(import('@reliability-hub/plugin-reliability-backend-module-prometheus'))`
 * and configure `reliability.slo.prometheus.instances`.
 *
 * @packageDocumentation
 */

export { reliabilityModulePrometheus as default } from './module';
