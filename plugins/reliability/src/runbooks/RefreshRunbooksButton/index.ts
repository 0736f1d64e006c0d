export { RefreshRunbooksButton } from './RefreshRunbooksButton';
