export { DeployGateService } from './DeployGateService';
export type { DeployGateSloSource } from './DeployGateService';
export { createDeployGateService } from './createDeployGateService';
