export { BurnRateChart } from './BurnRateChart';
