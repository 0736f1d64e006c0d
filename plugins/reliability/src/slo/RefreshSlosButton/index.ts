export { RefreshSlosButton } from './RefreshSlosButton';
