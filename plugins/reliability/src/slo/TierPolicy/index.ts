export { TierPolicy } from './TierPolicy';
