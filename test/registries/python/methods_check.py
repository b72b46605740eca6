"""Drives RequestMetricsMiddleware over a counter that declares its methods (methods-fixture.ts) with the
methods read from stdin, one request each, and prints the scrape: a standard method is recorded as itself, any other as OTHER, and no request is dropped as undeclared."""
import asyncio
import sys

from prometheus_client import generate_latest

from registry_gen import Message, Receive, RequestMetricsMiddleware, Scope, Send, create_metrics

stack = create_metrics()
m = stack.metrics


async def ok(scope: Scope, receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


app = RequestMetricsMiddleware(ok, counter=m.requests_total, duration=m.request_duration_seconds, routes=["/orders"])


async def call(method: str) -> None:
    scope: Scope = {"type": "http", "method": method, "path": "/orders", "root_path": "", "headers": []}

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        pass

    await app(scope, receive, send)


async def main() -> None:
    for method in sys.stdin.read().split():
        await call(method)


asyncio.run(main())
sys.stdout.write(generate_latest(stack.registry).decode("utf-8"))
