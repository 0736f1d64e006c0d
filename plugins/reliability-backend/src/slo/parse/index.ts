export {
  parseOpenSlo,
  openSloProblemToString,
  OPENSLO_API_VERSION,
} from './parseOpenSlo';
export { indicatorSourceType } from './indicator';
export type {
  OpenSloParseResult,
  OpenSloProblem,
  SloBudgetingMethod,
  SloDefinition,
  SloDefinitionTimeWindow,
  SloIndicator,
  SloMetricSource,
  SloObjective,
  SloRatioMetric,
} from './types';
