export { WriteDialog } from './WriteDialog';
