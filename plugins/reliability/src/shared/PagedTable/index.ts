export { PagedTable } from './PagedTable';
export type { PagedRows } from './PagedTable';
