"""Typed use of a registry whose request counter declares its methods (test/registries/methods-fixture.ts).

`mypy --strict` accepts every line but the marked ones, which fail with the error code after "E:".
"""
from starlette.applications import Starlette

from registry_gen import Message, Receive, RequestMethod, RequestMetricsMiddleware, RequestsTotalMethod, Scope, Send, create_metrics

m = create_metrics().metrics
method: RequestsTotalMethod = "OTHER"
recorded: RequestMethod = method  # the declared values are exactly the ones the middleware records
m.requests_total.inc(method="PATCH", route="/orders", status="200")
m.requests_total.inc(method="BREW", route="/orders", status="200")  # E: arg-type


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    message: Message = {"type": "http.response.start", "status": 204}
    await send(message)


starlette = Starlette()
starlette.add_middleware(RequestMetricsMiddleware, counter=m.requests_total, duration=m.request_duration_seconds)
wrapped = RequestMetricsMiddleware(app, counter=m.requests_total, duration=m.request_duration_seconds, routes=["/orders"])
# a counter declaring fewer methods would drop the others; one declaring its routes could not hold an app's templates
RequestMetricsMiddleware(app, counter=m.few_methods_total, duration=m.request_duration_seconds)  # E: arg-type
RequestMetricsMiddleware(app, counter=m.routed_requests_total, duration=m.request_duration_seconds)  # E: arg-type
Starlette().add_middleware(RequestMetricsMiddleware, counter=m.few_methods_total, duration=m.request_duration_seconds)  # E: arg-type
