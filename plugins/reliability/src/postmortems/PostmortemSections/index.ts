export { PostmortemSections } from './PostmortemSections';
