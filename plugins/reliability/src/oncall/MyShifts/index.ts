export { MyShifts } from './MyShifts';
export { MyFeedButton } from './MyFeedButton';
