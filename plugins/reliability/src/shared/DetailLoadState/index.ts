export { DetailLoadState } from './DetailLoadState';
