/**
 * The search backend module of Reliability Hub: runbooks and postmortems in
 * the portal's search. Install it with
 * `backend.add(import('@reliability-hub/plugin-reliability-backend/search'))`.
 *
 * @packageDocumentation
 */

export { searchModuleReliabilityCollator as default } from './search/module';
