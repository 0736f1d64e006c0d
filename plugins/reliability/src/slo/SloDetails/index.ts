export { SloDetails } from './SloDetails';
