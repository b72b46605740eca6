// The ASGI request middleware of the Python registry, the counterpart of exporter/middleware.ts: requests labelled
// by route template (never the raw path), the method one of the standard nine or OTHER, the status as a string and
// 499 when the client went away first. Pure ASGI, so it needs neither Starlette nor FastAPI; under them it reads the
// template of the route they matched (scope["route"]).
//
// As in TypeScript, the app hands it the two metrics explicitly, and their types decide what fits: a counter
// labelled exactly {method, route, status}, its method open or a Literal of exactly the methods it records, route and
// status open, and a histogram labelled exactly {route}, open (Protocols that the generated classes match
// structurally, checked by mypy). The module carries it only when such a pair exists (request-metrics.ts).
import type { Stack } from '../../model.ts';
import { isRequestCounter, isRequestDuration, requestMethods, standardMethods } from '../request-metrics.ts';
import type { PythonImports } from './runtime.ts';

/** Module-level names the middleware defines. */
export const asgiNames = [
  'asyncio', 'time', 'Any', 'Awaitable', 'Mapping', 'MutableMapping', 'Protocol', 'Scope', 'Message', 'Receive', 'Send',
  'ASGIApp', 'UNMATCHED_ROUTE', 'OTHER_METHOD', 'CLIENT_CLOSED_STATUS', 'RequestMethod', 'KNOWN_METHODS', 'RequestCounter',
  'RequestDuration', 'framework_route', 'RouteMatcher', 'RequestMetricsMiddleware', '_Exchange', '_segments',
] as const;

/** True when the stack has metrics the middleware can record: a request counter and a latency histogram. */
export function hasRequestMetrics(stack: Stack): boolean {
  return stack.metrics.some(isRequestCounter) && stack.metrics.some(isRequestDuration);
}

export const asgiImports: PythonImports = {
  modules: ['asyncio', 'time'],
  collections: ['Awaitable', 'Mapping', 'MutableMapping'],
  typing: ['Any', 'Protocol'],
};

export const asgiMiddleware = `Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UNMATCHED_ROUTE: Final = "unmatched"
"""The route of every request no template matches: unknown paths cost one series, not one each."""
OTHER_METHOD: Final = "OTHER"
"""The method of every request outside the standard nine, which a client could otherwise invent freely."""
CLIENT_CLOSED_STATUS: Final = "499"
"""The status of a request whose client went away before the response finished (nginx's convention)."""
RequestMethod = Literal[${requestMethods.map((m) => `"${m}"`).join(', ')}]
"""Every method the middleware records: a counter's method label may declare exactly these, or be open."""
KNOWN_METHODS: Final[Mapping[str, RequestMethod]] = {
    ${standardMethods.map((m) => `"${m}": "${m}"`).join(',\n    ')},
}
"""The standard methods, each recorded as itself."""


class RequestCounter(Protocol):
    """A counter labelled exactly {method, route, status}: method open (str) or a Literal of RequestMethod's values,
    route and status open. A declared route or status set does not fit: the middleware records any template and
    status."""

    def inc(self, amount: float = 1, /, *, method: RequestMethod, route: str, status: str) -> None: ...


class RequestDuration(Protocol):
    """A histogram in seconds labelled exactly {route}, every value open."""

    def observe(self, value: float, /, *, route: str) -> None: ...


def framework_route(scope: Scope) -> str | None:
    """The template of the route Starlette or FastAPI matched ("/orders/{id}"), or None: no framework route, or one
    inside a mounted app (its template leaves out the mount's path)."""
    if "app_root_path" in scope:
        return None
    template = getattr(scope.get("route"), "path_format", None)
    return template if isinstance(template, str) else None


def _segments(path: str) -> list[str]:
    return (path[:-1] if len(path) > 1 and path.endswith("/") else path).split("/")


class RouteMatcher:
    """Matches a path to one of the app's route templates; a segment "{name}" (or "{name:convertor}") matches any
    one non-empty segment. A path no template matches is UNMATCHED_ROUTE."""

    def __init__(self, templates: Iterable[str]) -> None:
        self._exact: dict[str, str] = {}
        self._with_params: list[tuple[str, list[str]]] = []
        for template in templates:
            parts = _segments(template)
            if any(p.startswith("{") and p.endswith("}") for p in parts):
                self._with_params.append((template, parts))
            else:
                self._exact.setdefault("/".join(parts), template)

    def __call__(self, path: str) -> str:
        parts = _segments(path)
        found = self._exact.get("/".join(parts))
        if found is not None:
            return found
        for template, want in self._with_params:
            if len(want) == len(parts) and all(
                (w.startswith("{") and w.endswith("}") and p != "") or w == p for w, p in zip(want, parts)
            ):
                return template
        return UNMATCHED_ROUTE


class _Exchange:
    """What the middleware saw of one request's response."""

    def __init__(self) -> None:
        self.status: int | None = None
        self.trailers = False
        self.finished = False
        self.gone = False
        self.failed = False

    def status_label(self) -> str:
        if self.finished and self.status is not None:
            return str(self.status)
        if self.gone:
            return CLIENT_CLOSED_STATUS
        # an app that raised (or returned) before answering gets a 500 from the server
        if self.failed or self.status is None:
            return "500"
        return str(self.status)


class RequestMetricsMiddleware:
    """Counts HTTP requests and their duration by route template; other scopes (lifespan, websocket) pass through.

    The route is the first of: route_of(scope) (by default the route Starlette or FastAPI matched), the template in
    \`routes\` that the path matches, UNMATCHED_ROUTE. Add it with \`app.add_middleware(RequestMetricsMiddleware,
    counter=..., duration=..., routes=[...])\`, or wrap any ASGI app: \`RequestMetricsMiddleware(app, counter=..., ...)\`.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        counter: RequestCounter,
        duration: RequestDuration,
        routes: Iterable[str] = (),
        route_of: Callable[[Scope], str | None] = framework_route,
    ) -> None:
        self.app = app
        self.counter = counter
        self.duration = duration
        self.match = RouteMatcher(routes)
        self.route_of = route_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        root_path = str(scope.get("root_path", ""))
        seen = _Exchange()

        async def watched_receive() -> Message:
            message = await receive()
            if message["type"] == "http.disconnect" and not seen.finished:
                seen.gone = True
            return message

        async def watched_send(message: Message) -> None:
            kind = message["type"]
            if kind == "http.response.start":
                seen.status = int(message["status"])
                seen.trailers = bool(message.get("trailers", False))
            try:
                await send(message)
            except OSError:
                seen.gone = True  # the server could not write: the client went away
                raise
            last_body = kind == "http.response.body" and not message.get("more_body", False) and not seen.trailers
            last_trailers = kind == "http.response.trailers" and not message.get("more_trailers", False)
            if last_body or last_trailers or kind == "http.response.pathsend":
                seen.finished = True

        try:
            await self.app(scope, watched_receive, watched_send)
        except asyncio.CancelledError:
            seen.gone = True  # servers cancel the app when its client disconnects
            raise
        except BaseException:
            seen.failed = True
            raise
        finally:
            self._record(scope, root_path, seen, time.perf_counter() - start)

    def _record(self, scope: Scope, root_path: str, seen: _Exchange, seconds: float) -> None:
        path = str(scope.get("path", "/"))
        if root_path and path.startswith(root_path):
            path = path[len(root_path):] or "/"
        route = self.route_of(scope) or self.match(path)
        method = KNOWN_METHODS.get(str(scope.get("method", "")), OTHER_METHOD)
        self.counter.inc(method=method, route=route, status=seen.status_label())
        self.duration.observe(seconds, route=route)
`;
