"""Typed use of the lab fixture's registry (test/registries/python-fixture.ts): `mypy --strict` accepts every line."""
from prometheus_client import generate_latest
from starlette.applications import Starlette

from registry_gen import JobsTotalQueue, RequestMetricsMiddleware, create_metrics

stack = create_metrics()
m = stack.metrics
m.api_calls_total.inc(method="GET", route="/items/{id}", status="200")
m.api_calls_total.inc(2, method="POST", route="/items", status="201")
m.api_call_duration_seconds.observe(0.2, route="/items")
queue: JobsTotalQueue = "urgent"
m.jobs_total.inc(queue=queue, outcome="ok")
m.job_seconds.observe(1.5, queue="default")
m.workers_busy.set(3, pool="io")
m.workers_busy.inc(pool="io")
m.workers_busy.dec(2, pool="io")
m.backlog_items.set(12)
m.backlog_items.inc()
m.backlog_items.dec(2.5)
m.payload_bytes.observe(512, direction="in", peer="edge")
m.awkward_labels_total.inc(class_='say "hi"', self_="me", amount_="lots")
m.restarts_total.inc()
stack.add_collector("backlog", lambda: m.backlog_items.set(0))

app = Starlette()
# Starlette types add_middleware's keyword arguments from the middleware's constructor, so mypy checks these too
app.add_middleware(
    RequestMetricsMiddleware, counter=m.api_calls_total, duration=m.api_call_duration_seconds, routes=["/items/{id}"]
)
wrapped = RequestMetricsMiddleware(app, counter=m.api_calls_total, duration=m.api_call_duration_seconds)
exposition: bytes = generate_latest(stack.registry)
