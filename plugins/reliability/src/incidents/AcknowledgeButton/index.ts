export { AcknowledgeButton } from './AcknowledgeButton';
