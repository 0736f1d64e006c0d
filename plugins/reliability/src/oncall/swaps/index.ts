export { useShiftActions } from './ShiftActions';
export { SwapRequests } from './SwapRequests';
