/**
 * The Reliability Hub module of the search backend: runbooks and postmortems
 * in the portal's search. Install it with
 * `backend.add(import('@reliability-hub/plugin-search-backend-module-reliability'))`.
 *
 * @packageDocumentation
 */

export { searchModuleReliabilityCollator as default } from './module';
export type {
  PostmortemSearchDocument,
  RunbookSearchDocument,
} from './collators';
