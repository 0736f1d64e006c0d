export { StaleBadge } from './StaleBadge';
