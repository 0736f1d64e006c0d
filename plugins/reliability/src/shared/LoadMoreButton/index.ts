export { LoadMoreButton } from './LoadMoreButton';
