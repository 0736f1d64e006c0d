export { PostmortemReview } from './PostmortemReview';
