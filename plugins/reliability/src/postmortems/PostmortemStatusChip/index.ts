export { PostmortemStatusChip } from './PostmortemStatusChip';
