export { RunbookTitleLink } from './RunbookTitleLink';
