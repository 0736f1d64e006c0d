export { SloHeadline } from './SloHeadline';
