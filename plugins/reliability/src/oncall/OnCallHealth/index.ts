export { OnCallHealth } from './OnCallHealth';
