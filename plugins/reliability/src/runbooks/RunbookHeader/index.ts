export { RunbookHeader } from './RunbookHeader';
