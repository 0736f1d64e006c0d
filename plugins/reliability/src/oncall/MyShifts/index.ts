export { MyShifts } from './MyShifts';
