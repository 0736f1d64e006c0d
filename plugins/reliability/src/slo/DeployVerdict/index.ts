export { DeployVerdict } from './DeployVerdict';
