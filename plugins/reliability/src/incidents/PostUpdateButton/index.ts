export { PostUpdateButton } from './PostUpdateButton';
