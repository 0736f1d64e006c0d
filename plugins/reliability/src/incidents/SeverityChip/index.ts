export { SeverityChip } from './SeverityChip';
export { severityColor } from './SeverityChip';
export { DrillChip } from './DrillChip';
