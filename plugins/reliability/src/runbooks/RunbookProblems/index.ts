export { RunbookProblems } from './RunbookProblems';
