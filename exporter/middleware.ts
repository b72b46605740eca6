// Request tracking for node:http (and Connect/Express, which share its (req, res, next) shape). Requests are
// labelled by route template, never by raw URL: the seed's `endpoint=request.url.path` made one series per URL.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { LabelledCounter, LabelledHistogram } from './typed.ts';

/** The `route` value of every request no template matches: unknown paths cost one series, not one each. */
export const unmatchedRoute = 'unmatched';
/** The `method` value of every method outside the standard set, which a client could otherwise invent freely. */
export const otherMethod = 'OTHER';
/** The `status` of a request whose client went away before the response finished (nginx's convention). */
export const clientClosedStatus = '499';

/** The methods recorded as themselves; a client can invent any other, and it is recorded as OTHER. */
export const standardMethods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] as const;
/** Every `method` value the middleware records. A request counter's `method` label may declare exactly these. */
export const requestMethods = [...standardMethods, otherMethod] as const;
/** A `method` value the middleware records: one of the standard nine, or OTHER. */
export type RequestMethod = (typeof requestMethods)[number];

/**
 * The request counters the middleware accepts: labelled exactly {method, route, status}, route and status open,
 * method open or declaring exactly {@link requestMethods} (in any order). A declared route or status set is not
 * accepted: the middleware records any template it is given and any status the app sends.
 */
export type RequestCounter =
  | LabelledCounter<'method' | 'route' | 'status'>
  | LabelledCounter<'method' | 'route' | 'status', { readonly method: RequestMethod }>;

const knownMethods: ReadonlySet<string> = new Set(standardMethods);
const isStandard = (method: string | undefined): method is (typeof standardMethods)[number] =>
  method !== undefined && knownMethods.has(method);

/** What the middleware calls on either kind of request counter. */
interface RequestRecorder {
  inc(labels: { readonly method: RequestMethod; readonly route: string; readonly status: string }): void;
}

/** Which of the stack's metrics the middleware records, and the app's route templates. */
export interface RequestTracking {
  /** The stack's request counter, labelled exactly {method, route, status}: see {@link RequestCounter}. */
  readonly counter: RequestCounter;
  /** The stack's latency histogram in seconds, labelled exactly {route}. */
  readonly duration: LabelledHistogram<'route'>;
  /** Route templates, `:name` marking a path parameter. @example ['/api/orders/:id', '/healthz'] */
  readonly routes: readonly string[];
  /** The matched template when a framework knows it (Express: `req.route?.path`); templates are tried otherwise. */
  readonly routeOf?: (req: IncomingMessage) => string | undefined;
}

export type Middleware = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

export interface RequestTracker {
  /** Connect/Express-style middleware; call it first, before routing. */
  readonly middleware: Middleware;
  /** Wraps a node:http request listener. */
  track(handler: RequestListener): RequestListener;
  /** The route template of a path (query ignored), or `unmatched`. */
  routeOf(path: string): string;
}

function segments(path: string): string[] {
  const q = path.search(/[?#]/);
  const bare = q < 0 ? path : path.slice(0, q);
  const trimmed = bare.length > 1 && bare.endsWith('/') ? bare.slice(0, -1) : bare;
  return trimmed.split('/');
}

/** A matcher over templates: static templates by a map lookup, parameterised ones by segment comparison. */
export function routeMatcher(templates: readonly string[]): (path: string) => string {
  const exact = new Map<string, string>();
  const withParams: { template: string; parts: readonly string[] }[] = [];
  for (const template of templates) {
    if (template.includes('/:')) withParams.push({ template, parts: segments(template) });
    else exact.set(segments(template).join('/'), template);
  }
  return (path) => {
    const parts = segments(path);
    const found = exact.get(parts.join('/'));
    if (found !== undefined) return found;
    for (const { template, parts: want } of withParams) {
      if (want.length !== parts.length) continue;
      if (want.every((w, i) => (w.startsWith(':') ? parts[i] !== '' : w === parts[i]))) return template;
    }
    return unmatchedRoute;
  };
}

export function requestTracker(tracking: RequestTracking): RequestTracker {
  const match = routeMatcher(tracking.routes);
  const { duration, routeOf } = tracking;
  const counter: RequestRecorder = tracking.counter;

  const middleware: Middleware = (req, res, next) => {
    const start = performance.now();
    // 'close' comes after 'finish' when the response completes, and alone when the client goes away.
    res.once('close', () => {
      const route = routeOf?.(req) ?? match(req.url ?? '/');
      const method = isStandard(req.method) ? req.method : otherMethod;
      const status = res.writableFinished ? String(res.statusCode) : clientClosedStatus;
      counter.inc({ method, route, status });
      duration.observe({ route }, (performance.now() - start) / 1000);
    });
    next?.();
  };

  return {
    middleware,
    track: (handler) => (req, res) => middleware(req, res, () => handler(req, res)),
    routeOf: match,
  };
}
