export { SloDefinition } from './SloDefinition';
