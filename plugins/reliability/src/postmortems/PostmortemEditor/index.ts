export { PostmortemEditor } from './PostmortemEditor';
