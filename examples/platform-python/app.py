"""The seed's self-healing platform service, reduced to what its metrics need: a Starlette app on the generated
registry (registry_gen.py, copied from out/platform/exporter/python/), with demo endpoints that raise an anomaly
or run a healing action, and /metrics served from the stack's own registry.

    python3 app.py --port 8000
    npx stackc conform platform http://127.0.0.1:8000/metrics
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Sequence
from typing import TypeVar

import prometheus_client
import uvicorn
from prometheus_client.exposition import choose_encoder
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from platform_metrics import ACTION_TYPES, ANOMALY_TYPES, SEVERITIES, PlatformMetrics, SystemSample
from registry_gen import RequestMetricsMiddleware

T = TypeVar("T")
MAX_DEMO_ACTION_SECONDS = 5.0


class BadRequest(Exception):
    pass


def one_of(body: dict[str, object], key: str, choices: Sequence[T]) -> T:
    """body[key] as one of the declared values (a Literal type), else BadRequest naming them."""
    value = body.get(key)
    for choice in choices:
        if choice == value:
            return choice
    raise BadRequest(f"{key} must be one of {', '.join(map(str, choices))}; got {value!r}")


def number(body: dict[str, object], key: str) -> float:
    value = body.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadRequest(f"{key} must be a number; got {value!r}")
    return float(value)


async def json_body(request: Request) -> dict[str, object]:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError as e:
        raise BadRequest(f"the body is not JSON: {e}") from e
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object")
    return body


def create_app(platform: PlatformMetrics) -> Starlette:
    async def health(_: Request) -> Response:
        return JSONResponse({"status": "healthy"})

    async def metrics(request: Request) -> Response:
        # OpenMetrics when the scraper asks for it (Prometheus does), the classic text format otherwise
        encode, content_type = choose_encoder(request.headers.get("accept", ""))
        return Response(encode(platform.stack.registry), media_type=content_type)

    async def vitals(request: Request) -> Response:
        """A pod's vitals, as the seed's process_metric() recorded them."""
        body = await json_body(request)
        platform.update_system_metrics(SystemSample(
            cpu_usage_percent=number(body, "cpu_usage_percent"),
            memory_usage_percent=number(body, "memory_usage_percent"),
            response_time_seconds=number(body, "response_time_seconds"),
            error_rate_percent=number(body, "error_rate_percent"),
        ))
        if "health_score" in body:
            platform.update_health_score(number(body, "health_score"))
        return JSONResponse({"recorded": True})

    async def simulate_anomaly(request: Request) -> Response:
        body = await json_body(request)
        platform.record_anomaly(one_of(body, "anomaly_type", ANOMALY_TYPES), one_of(body, "severity", SEVERITIES))
        return JSONResponse({"recorded": True})

    async def simulate_healing(request: Request) -> Response:
        """Runs a pretend healing action for duration_seconds (at most 5), then records its outcome."""
        body = await json_body(request)
        action_type = one_of(body, "action_type", ACTION_TYPES)
        succeeded = body.get("succeeded", True) is True
        seconds = min(number(body, "duration_seconds") if "duration_seconds" in body else 0.0, MAX_DEMO_ACTION_SECONDS)
        started = platform.healing_started(action_type)
        try:
            await asyncio.sleep(max(seconds, 0.0))
        finally:
            duration = platform.record_healing_action(action_type, started, succeeded=succeeded)
        return JSONResponse({"action_type": action_type, "succeeded": succeeded, "duration_seconds": duration})

    async def bad_request(_: Request, e: Exception) -> Response:
        return JSONResponse({"error": str(e)}, status_code=400)

    return Starlette(
        routes=[
            Route("/health", health),
            Route("/metrics", metrics),
            Route("/api/v1/vitals", vitals, methods=["POST"]),
            Route("/simulate/anomaly", simulate_anomaly, methods=["POST"]),
            Route("/simulate/healing", simulate_healing, methods=["POST"]),
        ],
        # requests_total{method, route, status} and request_duration_seconds{route}, by Starlette's route template
        middleware=[
            Middleware(
                RequestMetricsMiddleware,
                counter=platform.stack.metrics.requests_total,
                duration=platform.stack.metrics.request_duration_seconds,
            )
        ],
        exception_handlers={BadRequest: bad_request},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    # one <name>_created series beside every counter and histogram series would double what the platform exports
    prometheus_client.disable_created_metrics()  # type: ignore[no-untyped-call]  # unannotated upstream
    platform = PlatformMetrics()
    platform.update_health_score(100)  # nothing known to be wrong yet; 0 would page at once
    uvicorn.run(create_app(platform), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
