"""The seed's PrometheusExporter, on the generated registry: the same methods, each a typed update.

The seed kept one dict of prometheus_client metrics and untyped methods (`labels(**labels)`), so a misspelt label
or value failed only at run time, and an anomaly type first seen was born at 1 (invisible to increase()). Here
every label is a keyword mypy checks against the stack, and registry_gen starts every declared anomaly and
healing-action series at 0.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Final, get_args

from registry_gen import (
    AnomaliesDetectedTotalAnomalyType as AnomalyType,
    AnomaliesDetectedTotalSeverity as Severity,
    HealingActionsTotalActionType as ActionType,
    StackMetrics,
    create_metrics,
)

ANOMALY_TYPES: Final[tuple[AnomalyType, ...]] = get_args(AnomalyType)
SEVERITIES: Final[tuple[Severity, ...]] = get_args(Severity)
ACTION_TYPES: Final[tuple[ActionType, ...]] = get_args(ActionType)


@dataclass(frozen=True)
class SystemSample:
    """One reading of a pod's vitals, as the seed's process_metric() received it (response time in seconds)."""

    cpu_usage_percent: float
    memory_usage_percent: float
    response_time_seconds: float
    error_rate_percent: float


class _RunningActions:
    """Start times of the healing actions in progress, per action type."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._started: dict[ActionType, list[float]] = {a: [] for a in ACTION_TYPES}

    def start(self, action_type: ActionType) -> float:
        started = time.monotonic()
        with self._lock:
            self._started[action_type].append(started)
        return started

    def finish(self, action_type: ActionType, started: float) -> None:
        with self._lock:
            self._started[action_type].remove(started)

    def oldest_ages(self) -> dict[ActionType, float]:
        now = time.monotonic()
        with self._lock:
            return {a: (now - min(s)) if s else 0.0 for a, s in self._started.items()}


class PlatformMetrics:
    """What the platform records, by the seed's method names."""

    def __init__(self, stack: StackMetrics | None = None) -> None:
        self.stack: Final = stack or create_metrics()
        self._m = self.stack.metrics
        self._start = time.monotonic()
        self._running = _RunningActions()
        # set before each scrape, as the seed's get_metrics() called update_uptime()
        self.stack.add_collector("uptime", self._update_uptime)
        self.stack.add_collector("healing_running", self._update_running)

    def record_anomaly(self, anomaly_type: AnomalyType, severity: Severity) -> None:
        self._m.anomalies_detected_total.inc(anomaly_type=anomaly_type, severity=severity)

    def healing_started(self, action_type: ActionType) -> float:
        """Marks an action as running (healing_action_running_seconds shows its age); give the result to
        record_healing_action when it ends."""
        return self._running.start(action_type)

    def record_healing_action(self, action_type: ActionType, started: float, *, succeeded: bool) -> float:
        """Records a finished action: its outcome in all three counters (the seed's), its duration in the histogram.
        Returns the duration in seconds."""
        self._running.finish(action_type, started)
        duration = time.monotonic() - started
        self._m.healing_actions_total.inc(action_type=action_type, status="succeeded" if succeeded else "failed")
        # kept beside healing_actions_total{status} because the seed's rules and panels read them
        if succeeded:
            self._m.healing_actions_succeeded_total.inc(action_type=action_type)
        else:
            self._m.healing_actions_failed_total.inc(action_type=action_type)
        self._m.healing_action_duration_seconds.observe(duration, action_type=action_type)
        return duration

    def update_system_metrics(self, sample: SystemSample) -> None:
        self._m.cpu_usage_percent.set(sample.cpu_usage_percent)
        self._m.memory_usage_percent.set(sample.memory_usage_percent)
        self._m.response_time_seconds.set(sample.response_time_seconds)
        self._m.error_rate_percent.set(sample.error_rate_percent)

    def update_health_score(self, score: float) -> None:
        self._m.system_health_score.set(score)

    def update_ml_metrics(self, accuracy: float, false_positive_rate: float) -> None:
        self._m.ml_model_accuracy_ratio.set(accuracy)
        self._m.ml_false_positive_ratio.set(false_positive_rate)

    def _update_uptime(self) -> None:
        self._m.system_uptime_seconds.set(time.monotonic() - self._start)

    def _update_running(self) -> None:
        # every action type, 0 when none runs: the "stuck healing action" alert needs a series to compare
        for action_type, age in self._running.oldest_ages().items():
            self._m.healing_action_running_seconds.set(age, action_type=action_type)
