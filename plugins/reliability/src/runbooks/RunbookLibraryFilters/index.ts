export { RunbookLibraryFilters } from './RunbookLibraryFilters';
export type { LibraryQuery, LibraryQueryChange } from './RunbookLibraryFilters';
