export { OnCallOverview } from './OnCallOverview';
