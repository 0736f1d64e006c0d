export { PrometheusSliSource } from './PrometheusSliSource';
export type { PrometheusSliSourceOptions } from './PrometheusSliSource';
export type { PrometheusInstance } from './config';
