import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ReliabilityHubPermissionPolicy } from './ReliabilityHubPermissionPolicy';

/** Installs {@link ReliabilityHubPermissionPolicy} in the permission backend. */
export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'reliability-hub-policy',
  register(reg) {
    reg.registerInit({
      deps: { config: coreServices.rootConfig, policy: policyExtensionPoint },
      async init({ config, policy }) {
        policy.setPolicy(
          new ReliabilityHubPermissionPolicy({
            adminRefs:
              config.getOptionalStringArray('reliability.permissions.admins') ??
              [],
          }),
        );
      },
    });
  },
});
