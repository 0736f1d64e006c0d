import { RootHttpRouterConfigureContext } from '@backstage/backend-defaults/rootHttpRouter';
import { ServiceUnavailableError } from '@backstage/errors';

/** The parts of an Express request and response the gate uses. */
interface GateRequest {
  path: string;
}
interface GateResponse {
  setHeader(name: string, value: string): unknown;
}
type Handler = (
  req: GateRequest,
  res: GateResponse,
  next: (error?: Error) => void,
) => void;

const MESSAGE = 'The portal is starting; try again in a few seconds';

/**
 * The API paths gated while starting. Only the Reliability Hub's: other
 * plugins call each other while they start and rely on Backstage's 404 for
 * a plugin that is not there (the events bus, for one).
 */
const GATED_PATHS = ['/api/reliability/'];

/**
 * A middleware that fails Reliability Hub API requests that arrive after the
 * server listens but before every plugin has started with a
 * ServiceUnavailableError (and `Retry-After`), which Backstage's error
 * handler answers as a 503. Without it, Backstage answers them with an empty
 * 404, which a client cannot tell from "this incident does not exist" (say,
 * while the backend restarts after a crash).
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
    next(new ServiceUnavailableError(MESSAGE));
  };
  return gate;
}

/**
 * The portal's root HTTP router: Backstage's defaults, behind the startup
 * gate (whose errors the defaults' error handler answers).
 */
export function configureRootHttpRouter(
  context: RootHttpRouterConfigureContext,
): void {
  context.app.use(createStartupGate(context.lifecycle));
  context.applyDefaults();
}
