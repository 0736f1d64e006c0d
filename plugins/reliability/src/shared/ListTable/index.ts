export { ListTable } from './ListTable';
