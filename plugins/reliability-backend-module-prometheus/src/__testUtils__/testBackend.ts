import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested in the backend plugin it extends, as portals run it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import reliabilityPlugin from '@reliability-hub/plugin-reliability-backend';
import { EntitySlos } from '@reliability-hub/plugin-reliability-common';
import { JsonObject } from '@backstage/types';
import { Readable } from 'node:stream';
import request from 'supertest';
import { reliabilityModulePrometheus } from '../module';

/** Owns every component of these tests. */
export const OWNER = 'user:default/lena.hoffmann';

/**
 * A component owned by {@link OWNER} whose OpenSLO file is at `url`.
 */
export function componentWithOpenSlo(name: string, url: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: { 'reliability-hub.io/openslo': `url:${url}` },
    },
    spec: { type: 'service', owner: OWNER },
    relations: [{ type: 'ownedBy', targetRef: OWNER }],
  };
}

/**
 * The reliability backend with this module installed, as a portal runs it:
 * a catalog of `entities`, their OpenSLO files (`files`, by URL) and runbook
 * folders (`trees`: files by name, by folder URL) behind the UrlReader,
 * `reliability.slo.prometheus` as given and any other configuration in
 * `config`. The scheduled tasks do not run by themselves: `evaluate()` runs
 * them once, in order.
 */
export async function startBackendWithPrometheus(options: {
  entities: unknown[];
  files: Record<string, string>;
  trees?: Record<string, Record<string, string>>;
  prometheus: JsonObject;
  config?: JsonObject;
}) {
  const tasks = new Map<string, () => Promise<void> | void>();
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: async task => {
      tasks.set(task.id, () => task.fn(new AbortController().signal));
    },
  });
  const urlReader = mockServices.urlReader.mock({
    readUrl: async (url: string) => {
      const text = options.files[url];
      if (text === undefined) {
        throw new NotFoundError(`${url} does not exist`);
      }
      const bytes = Buffer.from(text, 'utf8');
      return {
        buffer: async () => bytes,
        stream: () => Readable.from([bytes]),
        etag: 'v1',
      };
    },
    readTree: async (url: string) => {
      const tree = options.trees?.[url];
      if (tree === undefined) {
        throw new NotFoundError(`${url} does not exist`);
      }
      return {
        etag: 'v1',
        files: async () =>
          Object.entries(tree).map(([path, text]) => ({
            path,
            content: async () => Buffer.from(text, 'utf8'),
          })),
      } as any;
    },
  });
  const backend = await startTestBackend({
    features: [
      reliabilityPlugin,
      reliabilityModulePrometheus,
      scheduler.factory,
      urlReader.factory,
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          reliability: {
            ...(options.config?.reliability as JsonObject | undefined),
            slo: { prometheus: options.prometheus },
          },
        },
      }),
      catalogServiceMock.factory({ entities: options.entities as any[] }),
    ],
  });
  const get = (path: string) =>
    request(backend.server)
      .get(`/api/reliability${path}`)
      .set('Authorization', mockCredentials.user.header(OWNER));
  return {
    get,
    /** The backend's HTTP server, listening on a port of its own. */
    server: backend.server,
    stop: () => backend.stop(),
    /** Reads the OpenSLO files and evaluates every SLO, as the schedule does. */
    async evaluate() {
      await tasks.get('reliability-slo-definitions-refresh')!();
      await tasks.get('reliability-slo-evaluation')!();
    },
    /** An entity's SLOs as its page reads them (`GET /slos`). */
    async slos(entityRef: string): Promise<EntitySlos> {
      const response = await get(`/slos?entityRef=${entityRef}`);
      if (response.status !== 200) {
        throw new Error(`GET /slos answered ${response.status}`);
      }
      return response.body;
    },
  };
}
