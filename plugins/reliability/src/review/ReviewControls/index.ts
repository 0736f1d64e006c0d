export { ReviewAction, ReviewControls } from './ReviewControls';
export type { ReviewSelection } from './ReviewControls';
