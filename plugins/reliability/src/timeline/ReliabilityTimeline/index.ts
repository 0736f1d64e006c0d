export { ReliabilityTimeline } from './ReliabilityTimeline';
