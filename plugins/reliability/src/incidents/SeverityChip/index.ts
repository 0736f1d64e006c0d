export { SeverityChip } from './SeverityChip';
export { severityColor } from './SeverityChip';
