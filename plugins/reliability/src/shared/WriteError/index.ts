export { WriteError } from './WriteError';
