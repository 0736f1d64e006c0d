export { WriteDialogButton } from './WriteDialogButton';
