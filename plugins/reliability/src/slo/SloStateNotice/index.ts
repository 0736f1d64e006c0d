export { SloStateNotice } from './SloStateNotice';
