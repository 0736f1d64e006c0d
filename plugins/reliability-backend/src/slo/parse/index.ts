export {
  parseOpenSlo,
  openSloProblemToString,
  OPENSLO_API_VERSION,
} from './parseOpenSlo';
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
