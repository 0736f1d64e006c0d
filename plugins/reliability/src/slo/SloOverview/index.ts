export { SloOverview } from './SloOverview';
