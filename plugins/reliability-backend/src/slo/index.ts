export { SloEvaluator } from './evaluation/SloEvaluator';
export { computeSloStatus, SLO_WINDOW } from './evaluation/computeSloStatus';
export { PushSliSource, PUSH_SOURCE_TYPE } from './push/PushSliSource';
export { DatabaseSloStore } from './store/DatabaseSloStore';
export type {
  EntitySloDefinitions,
  SloStore,
  StoredSliSample,
} from './store/SloStore';
export { SloFileRefresher } from './files/SloFileRefresher';
export { SloService } from './SloService';
export { setupSlos } from './setupSlos';
export type { SloFeature } from './setupSlos';
