import { RootHttpRouterConfigureContext } from '@backstage/backend-defaults/rootHttpRouter';

/** The parts of an Express request and response the gate uses. */
interface GateRequest {
  path: string;
  method: string;
  url: string;
}
interface GateResponse {
  setHeader(name: string, value: string): unknown;
  status(code: number): { json(body: unknown): unknown };
}
type Handler = (req: GateRequest, res: GateResponse, next: () => void) => void;

const MESSAGE = 'The portal is starting; try again in a few seconds';

/**
 * The API paths gated while starting. Only the Reliability Hub's: other
 * plugins call each other while they start and rely on Backstage's 404 for
 * a plugin that is not there (the events bus, for one).
 */
const GATED_PATHS = ['/api/reliability/'];

/**
 * A middleware that answers 503 (with `Retry-After`) to Reliability Hub API
 * requests that arrive after the server listens but before every plugin has
 * started. Without it, Backstage answers them with an empty 404, which a
 * client cannot tell from "this incident does not exist" (say, while the
 * backend restarts after a crash).
 */
export function createStartupGate(lifecycle: {
  addStartupHook(hook: () => void | Promise<void>): void;
}): Handler {
  let started = false;
  lifecycle.addStartupHook(() => {
    started = true;
  });
  const gate: Handler = (req, res, next) => {
    if (started || !GATED_PATHS.some(path => req.path.startsWith(path))) {
      next();
      return;
    }
    res.setHeader('Retry-After', '2');
    res.status(503).json({
      error: { name: 'ServiceUnavailableError', message: MESSAGE },
      request: { method: req.method, url: req.url },
      response: { statusCode: 503 },
    });
  };
  return gate;
}

/**
 * The portal's root HTTP router: Backstage's defaults, behind the startup gate.
 */
export function configureRootHttpRouter(
  context: RootHttpRouterConfigureContext,
): void {
  context.app.use(createStartupGate(context.lifecycle));
  context.applyDefaults();
}
