export { searchModuleReliabilityCollator } from './module';
export {
  POSTMORTEM_DOCUMENT_TYPE,
  type PostmortemSearchDocument,
} from './PostmortemCollatorFactory';
export {
  RUNBOOK_DOCUMENT_TYPE,
  type RunbookSearchDocument,
} from './RunbookCollatorFactory';
