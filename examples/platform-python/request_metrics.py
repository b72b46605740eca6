"""Counts requests in requests_total and times them in request_duration_seconds, by Starlette's route template.

registry_gen carries a RequestMetricsMiddleware only for a stack whose request counter has every label open; the
platform declares its methods (the nine standard ones and OTHER), so the app records its requests itself, through
the same typed metrics, as docs/exporter.md says. Unlike the seed's middleware it labels by route template, never
by the raw path, so unknown URLs cost one series ("unmatched") rather than one each.
"""

from __future__ import annotations

import time
from typing import Final, get_args

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from registry_gen import Metrics, RequestsTotalMethod

UNMATCHED_ROUTE: Final = "unmatched"
METHODS: Final[dict[str, RequestsTotalMethod]] = {m: m for m in get_args(RequestsTotalMethod)}


def route_template(scope: Scope) -> str:
    """The template of the route Starlette matched ("/simulate/anomaly"), or UNMATCHED_ROUTE."""
    template = getattr(scope.get("route"), "path", None)
    return template if isinstance(template, str) else UNMATCHED_ROUTE


class RequestMetrics:
    """Pure ASGI middleware; lifespan and websocket scopes pass through uncounted."""

    def __init__(self, app: ASGIApp, *, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = "500"  # an app that raises before answering gets a 500 from the server

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = str(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = route_template(scope)
            method = METHODS.get(str(scope.get("method", "")), "OTHER")
            self.metrics.requests_total.inc(method=method, route=route, status=status)
            self.metrics.request_duration_seconds.observe(time.perf_counter() - start, route=route)
