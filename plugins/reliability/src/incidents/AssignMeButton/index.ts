export { AssignMeButton } from './AssignMeButton';
