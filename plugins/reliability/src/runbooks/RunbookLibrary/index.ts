export { RunbookLibrary } from './RunbookLibrary';
