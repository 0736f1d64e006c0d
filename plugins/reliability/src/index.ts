export { reliabilityPlugin, ReliabilityPage } from './plugin';
