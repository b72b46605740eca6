"""Drives RequestMetricsMiddleware with hand-written ASGI calls (no server, no network) and prints the scrape.

Two apps: a bare ASGI app given route templates, and a Starlette app whose matched route the middleware reads.
Each request's path says what the test expects of it; test/registries/python-asgi.test.ts reads the counts.
"""
import asyncio
import sys

from prometheus_client import generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route

from registry_gen import Message, Receive, RequestMetricsMiddleware, Scope, Send, create_metrics

stack = create_metrics()
m = stack.metrics


async def bare(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] != "http":
        return
    path = scope["path"]
    if path == "/hang":
        await asyncio.Event().wait()  # until the server cancels it
    if path == "/boom":
        raise RuntimeError("the app fails before answering")
    if path.startswith("/slow"):
        message = await receive()
        while message["type"] != "http.disconnect":  # waits for a body the client never finishes sending
            message = await receive()
        return
    status = 404 if path == "/nowhere" else 200
    await send({"type": "http.response.start", "status": status, "headers": []})
    await send({"type": "http.response.body", "body": b"partial", "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})


async def item(request: Request) -> Response:
    return PlainTextResponse(str(request.path_params["item_id"]))


async def ping(request: Request) -> Response:
    return PlainTextResponse("pong")


starlette = Starlette(routes=[
    Route("/items/{item_id:int}", item, methods=["GET"]),
    Mount("/v1", routes=[Route("/ping", ping)]),
])
starlette.add_middleware(
    RequestMetricsMiddleware, counter=m.api_calls_total, duration=m.api_call_duration_seconds, routes=["/v1/ping"]
)
bare_app = RequestMetricsMiddleware(
    bare, counter=m.api_calls_total, duration=m.api_call_duration_seconds,
    routes=["/orders/{id}", "/orders", "/slow/{n}", "/boom", "/hang"],
)


async def call(app: RequestMetricsMiddleware | Starlette, method: str, path: str, *, gone: bool = False, broken_pipe: bool = False) -> None:
    scope: Scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": [],
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
    }
    requested = False

    async def receive() -> Message:
        nonlocal requested
        if requested or gone:
            return {"type": "http.disconnect"}
        requested = True
        return {"type": "http.request", "body": b"", "more_body": not gone}

    async def send(message: Message) -> None:
        if broken_pipe and message["type"] == "http.response.body":
            raise BrokenPipeError("the client closed the connection")

    try:
        await app(scope, receive, send)
    except (RuntimeError, OSError):
        pass


async def main() -> None:
    await bare_app({"type": "lifespan", "asgi": {"version": "3.0"}}, lambda: asyncio.sleep(0, {"type": "lifespan.startup"}), lambda m: asyncio.sleep(0))
    await call(bare_app, "GET", "/orders/42")
    await call(bare_app, "GET", "/orders/43/")
    await call(bare_app, "POST", "/orders")
    await call(bare_app, "BREW", "/orders")
    await call(bare_app, "GET", "/nowhere")
    await call(bare_app, "GET", "/orders/42/raw/7")
    await call(bare_app, "GET", "/boom")
    await call(bare_app, "GET", "/slow/1", gone=True)
    await call(bare_app, "GET", "/orders/9", broken_pipe=True)
    hanging = asyncio.create_task(call(bare_app, "GET", "/hang"))
    await asyncio.sleep(0.01)
    hanging.cancel()  # as a server does when the client disconnects
    try:
        await hanging
    except asyncio.CancelledError:
        pass
    await call(starlette, "GET", "/items/7")
    await call(starlette, "GET", "/items/8")
    await call(starlette, "POST", "/items/9")
    await call(starlette, "GET", "/items/not-a-number")
    await call(starlette, "GET", "/v1/ping")


asyncio.run(main())
sys.stdout.write(generate_latest(stack.registry).decode("utf-8"))
