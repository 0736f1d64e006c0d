export { PostmortemRevisions } from './PostmortemRevisions';
