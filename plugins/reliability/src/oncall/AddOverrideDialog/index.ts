export { AddOverrideDialog } from './AddOverrideDialog';
