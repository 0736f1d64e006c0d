export { ActionItemsTable } from './ActionItemsTable';
