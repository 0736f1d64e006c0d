export { AlertStateChip, alertReason } from './AlertStateChip';
