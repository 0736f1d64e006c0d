export { SummaryError } from './SummaryError';
