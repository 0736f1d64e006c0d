export { PostmortemStatusActions } from './PostmortemStatusActions';
