"""Drives the lab fixture's registry with the real prometheus_client and prints what a scrape would read.

Reads {"stage": "first" | "used", "hostile": [...], "flood": n, "pools": n} on stdin. "first" prints the scrape of
a registry nothing has touched; "used" first sends hostile label values, `flood` distinct routes, `pools` distinct
pools, undeclared values through an untyped caller, and a collector that fails.
"""
import json
import sys
from typing import Any

from prometheus_client import generate_latest

from registry_gen import create_metrics

job: dict[str, Any] = json.load(sys.stdin)
stack = create_metrics()
m = stack.metrics

if job["stage"] == "used":
    for value in job["hostile"]:
        m.payload_bytes.observe(7, direction="in", peer=value)
    for i in range(job["flood"]):
        m.api_calls_total.inc(method="GET", route=f"/raw/url/{i}", status="200")
    m.api_calls_total.inc(method="GET", route="/raw/url/0", status="200")  # a kept label set still counts
    for i in range(job["pools"]):
        m.workers_busy.set(i, pool=f"pool-{i}")
    untyped: Any = m.jobs_total  # a caller mypy does not check
    untyped.inc(queue="later", outcome="ok")
    untyped.inc(queue="urgent", outcome="ok")
    m.job_seconds.observe(1, queue="urgent")
    m.backlog_items.set(4)
    m.restarts_total.inc()
    m.awkward_labels_total.inc(class_="back\\slash", self_="me", amount_="many")

    def broken() -> None:
        raise RuntimeError("collector broke on purpose")

    stack.add_collector("broken", broken)
    stack.add_collector("backlog", lambda: m.backlog_items.inc())

sys.stdout.write(generate_latest(stack.registry).decode("utf-8"))
