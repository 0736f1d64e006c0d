export { OpenActionItemsTable } from './OpenActionItemsTable';
