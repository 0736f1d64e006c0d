export { SloSelector } from './SloSelector';
