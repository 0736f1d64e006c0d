import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { createStartupGate } from './startupGate';

type Gate = (req: unknown, res: unknown, next: (error?: Error) => void) => void;

/** Backstage's error handler, as the root HTTP router's defaults install it. */
const errorHandler = MiddlewareFactory.create({
  config: mockServices.rootConfig(),
  logger: mockServices.logger.mock(),
}).error({ showStackTraces: false }) as unknown as (
  error: Error,
  req: unknown,
  res: unknown,
  next: () => void,
) => void;

function fakeResponse() {
  const res = {
    statusCode: 200,
    headers: {} as Record<string, string>,
    body: undefined as unknown,
    setHeader(name: string, value: string) {
      res.headers[name.toLowerCase()] = value;
      return res;
    },
    status(code: number) {
      res.statusCode = code;
      return res;
    },
    json(body: unknown) {
      res.body = body;
      return res;
    },
  };
  return res;
}

describe('createStartupGate', () => {
  function setup() {
    let startup: () => void | Promise<void> = () => {};
    const gate = createStartupGate({
      addStartupHook: hook => {
        startup = hook;
      },
    }) as unknown as Gate;
    /** The request through the gate, and what the app answers. */
    const send = (path: string) => {
      const req = { path, url: path, method: 'GET' };
      const res = fakeResponse();
      let passed = false;
      gate(req, res, error => {
        if (error) {
          errorHandler(error, req, res, () => {});
        } else {
          passed = true;
        }
      });
      return { res, passed };
    };
    return { send, start: () => startup() };
  }

  it('answers 503 with a clear message while the plugins are starting', () => {
    const { send } = setup();

    const { res, passed } = send('/api/reliability/incidents/1');

    expect(passed).toBe(false);
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.body).toEqual({
      error: {
        name: 'ServiceUnavailableError',
        message: 'The portal is starting; try again in a few seconds',
      },
      request: { method: 'GET', url: '/api/reliability/incidents/1' },
      response: { statusCode: 503 },
    });
  });

  it('lets requests through once every plugin has started', async () => {
    const { send, start } = setup();
    await start();

    expect(send('/api/reliability/incidents/1').passed).toBe(true);
  });

  it('leaves the health checks and other plugins alone while starting', () => {
    const { send } = setup();

    expect(send('/.backstage/health/v1/readiness').passed).toBe(true);
    expect(send('/api/events/bus/v1/subscriptions/catalog').passed).toBe(true);
  });
});
