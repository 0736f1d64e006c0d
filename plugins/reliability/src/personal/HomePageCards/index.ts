export { MyShiftsCardContent } from './MyShiftsCardContent';
export { MyActionItemsCardContent } from './MyActionItemsCardContent';
