export { PrometheusRules } from './PrometheusRules';
