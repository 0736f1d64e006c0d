export { RunbooksContent } from './RunbooksContent';
