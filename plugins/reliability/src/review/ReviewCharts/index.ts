export { ReviewCharts } from './ReviewCharts';
