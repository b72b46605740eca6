"""Mistakes `mypy --strict` must reject: each marked line fails with the error code after "E:", no other line fails."""
from starlette.applications import Starlette

from registry_gen import Message, Receive, RequestMetricsMiddleware, Scope, Send, create_metrics

m = create_metrics().metrics
m.jobs_total.inc(queue="later", outcome="ok")  # E: arg-type
m.payload_bytes.observe(1, direction="sideways", peer="x")  # E: arg-type
m.jobs_total.inc(queue="default")  # E: call-arg
m.jobs_total.inc(queue="default", outcome="ok", shard="1")  # E: call-arg
m.jobs_total.inc(queu="default", outcome="ok")  # E: call-arg
m.api_calls_total.inc(method="GET", route="/", status=200)  # E: arg-type
m.api_calls_total.inc(1, "GET", "/", "200")  # E: call-arg
m.api_calls_total.observe(1, route="/")  # E: attr-defined
m.backlog_items.set(1, pool="io")  # E: call-arg
m.restarts_total.dec()  # E: attr-defined
m.job_seconds.observe(queue="urgent")  # E: call-arg
m.awkward_labels_total.inc(class_="say hi", self_="me", amount_="lots")  # E: arg-type


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    message: Message = {"type": "http.response.start", "status": 204}
    await send(message)


# the middleware records only a counter {method, route, status} (method open or exactly its methods, route and
# status open) and a histogram {route}, open
RequestMetricsMiddleware(app, counter=m.jobs_total, duration=m.api_call_duration_seconds)  # E: arg-type
RequestMetricsMiddleware(app, counter=m.api_calls_total, duration=m.job_seconds)  # E: arg-type
Starlette().add_middleware(RequestMetricsMiddleware, counter=m.jobs_total, duration=m.api_call_duration_seconds)  # E: arg-type
