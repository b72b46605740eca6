package main

import (
	"sync"
	"time"

	"stackc.example/platform/platformmetrics"
)

// Platform is the seed's PrometheusExporter on the generated registry: the same methods, each a typed update. The
// seed's labels(**labels) calls failed only at run time on a misspelt label or value; here a value the stack does
// not declare does not compile, and New starts every declared anomaly and healing-action series at 0.
type Platform struct {
	m       *platformmetrics.Metrics
	start   time.Time
	mu      sync.Mutex
	running map[platformmetrics.HealingActionRunningSecondsActionType][]time.Time
}

// SystemSample is one reading of a pod's vitals, as the seed's process_metric() received it (seconds, not ms).
type SystemSample struct {
	CPUUsagePercent     float64  `json:"cpu_usage_percent"`
	MemoryUsagePercent  float64  `json:"memory_usage_percent"`
	ResponseTimeSeconds float64  `json:"response_time_seconds"`
	ErrorRatePercent    float64  `json:"error_rate_percent"`
	HealthScore         *float64 `json:"health_score,omitempty"`
}

// the declared action types, in the stack's order, for the running-age gauge
var runningActionTypes = []platformmetrics.HealingActionRunningSecondsActionType{
	platformmetrics.HealingActionRunningSecondsActionTypeRestartPod,
	platformmetrics.HealingActionRunningSecondsActionTypeScaleUp,
	platformmetrics.HealingActionRunningSecondsActionTypeScaleDown,
	platformmetrics.HealingActionRunningSecondsActionTypeRollback,
}

func NewPlatform(m *platformmetrics.Metrics) *Platform {
	p := &Platform{m: m, start: time.Now(), running: map[platformmetrics.HealingActionRunningSecondsActionType][]time.Time{}}
	m.SystemHealthScore.Set(100) // nothing known to be wrong yet; 0 would page at once
	p.Refresh()
	return p
}

func (p *Platform) RecordAnomaly(anomalyType platformmetrics.AnomaliesDetectedTotalAnomalyType, severity platformmetrics.AnomaliesDetectedTotalSeverity) {
	p.m.AnomaliesDetectedTotal.Inc(anomalyType, severity)
}

// HealingAction is one action of each metric's action_type: the stack gives every metric a type of its own, so
// the app maps its action once (ParseHealingAction) to all of them.
type HealingAction struct {
	total     platformmetrics.HealingActionsTotalActionType
	succeeded platformmetrics.HealingActionsSucceededTotalActionType
	failed    platformmetrics.HealingActionsFailedTotalActionType
	duration  platformmetrics.HealingActionDurationSecondsActionType
	running   platformmetrics.HealingActionRunningSecondsActionType
}

func (a HealingAction) String() string { return a.total.String() }

// ParseHealingAction is the action named s, if the stack declares it.
func ParseHealingAction(s string) (HealingAction, bool) {
	var a HealingAction
	var ok [5]bool
	a.total, ok[0] = platformmetrics.ParseHealingActionsTotalActionType(s)
	a.succeeded, ok[1] = platformmetrics.ParseHealingActionsSucceededTotalActionType(s)
	a.failed, ok[2] = platformmetrics.ParseHealingActionsFailedTotalActionType(s)
	a.duration, ok[3] = platformmetrics.ParseHealingActionDurationSecondsActionType(s)
	a.running, ok[4] = platformmetrics.ParseHealingActionRunningSecondsActionType(s)
	return a, ok == [5]bool{true, true, true, true, true}
}

// HealingStarted marks an action as running (healing_action_running_seconds shows its age); hand the result to
// RecordHealingAction when it ends.
func (p *Platform) HealingStarted(a HealingAction) time.Time {
	started := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.running[a.running] = append(p.running[a.running], started)
	return started
}

// RecordHealingAction records a finished action: its outcome in the three counters the seed kept, its duration
// in the histogram. It returns the duration.
func (p *Platform) RecordHealingAction(a HealingAction, started time.Time, succeeded bool) time.Duration {
	p.mu.Lock()
	runs := p.running[a.running]
	for i, t := range runs {
		if t.Equal(started) {
			p.running[a.running] = append(runs[:i:i], runs[i+1:]...)
			break
		}
	}
	p.mu.Unlock()
	took := time.Since(started)
	if succeeded {
		p.m.HealingActionsTotal.Inc(a.total, platformmetrics.HealingActionsTotalStatusSucceeded)
		p.m.HealingActionsSucceededTotal.Inc(a.succeeded)
	} else {
		p.m.HealingActionsTotal.Inc(a.total, platformmetrics.HealingActionsTotalStatusFailed)
		p.m.HealingActionsFailedTotal.Inc(a.failed)
	}
	p.m.HealingActionDurationSeconds.Observe(a.duration, took.Seconds())
	return took
}

func (p *Platform) UpdateSystemMetrics(s SystemSample) {
	p.m.CpuUsagePercent.Set(s.CPUUsagePercent)
	p.m.MemoryUsagePercent.Set(s.MemoryUsagePercent)
	p.m.ResponseTimeSeconds.Set(s.ResponseTimeSeconds)
	p.m.ErrorRatePercent.Set(s.ErrorRatePercent)
	if s.HealthScore != nil {
		p.m.SystemHealthScore.Set(*s.HealthScore)
	}
}

func (p *Platform) UpdateMLMetrics(accuracy, falsePositiveRate float64) {
	p.m.MlModelAccuracyRatio.Set(accuracy)
	p.m.MlFalsePositiveRatio.Set(falsePositiveRate)
}

// Refresh sets the gauges read from the app's state; the /metrics handler calls it before each scrape, as the
// seed's get_metrics() called update_uptime().
func (p *Platform) Refresh() {
	now := time.Now()
	p.m.SystemUptimeSeconds.Set(now.Sub(p.start).Seconds())
	p.mu.Lock()
	defer p.mu.Unlock()
	// every action type, 0 when none runs: the "stuck healing action" alert needs a series to compare
	for _, t := range runningActionTypes {
		age := 0.0
		if runs := p.running[t]; len(runs) > 0 {
			age = now.Sub(runs[0]).Seconds() // appended in start order: the first is the oldest
		}
		p.m.HealingActionRunningSeconds.Set(t, age)
	}
}
