export { PostmortemsTable } from './PostmortemsTable';
