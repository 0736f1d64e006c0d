export { OverrideList } from './OverrideList';
