"""Applies the shared test vector (test/registries/vector/) to a generated registry and prints what a scrape reads.

Reads {"updates": [{"metric", "op", "labels", "value"?}], "names": {metric: {"attribute", "params": {label: param}}}}
on stdin: `names` says how the module names each metric's attribute and each label's keyword argument (`class_` for
a label `class`). The calls go through getattr, so nothing checks them: an undeclared value reaches the registry's
guard at run time, as from code mypy does not check.
"""
import json
import sys
from typing import Any

from prometheus_client import generate_latest

from registry_gen import create_metrics

job: dict[str, Any] = json.load(sys.stdin)
stack = create_metrics()

for update in job["updates"]:
    names = job["names"][update["metric"]]
    method = getattr(getattr(stack.metrics, names["attribute"]), update["op"])
    labels = {names["params"][label]: value for label, value in update["labels"].items()}
    # an inc or dec without a value takes the method's default amount of 1
    values = [update["value"]] if "value" in update else []
    method(*values, **labels)

# the bytes as served: UTF-8 whatever the locale of this process
sys.stdout.buffer.write(generate_latest(stack.registry))
