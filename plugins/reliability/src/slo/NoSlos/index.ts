export { NoSlos } from './NoSlos';
