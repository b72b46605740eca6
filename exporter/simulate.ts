// A synthetic workload for the platform stack's exporter: `npm run exporter -- --simulate`. In real time, it moves
// the gauges through the schedule's phases with values taken from each gauge's own thresholds, sends real HTTP
// requests through the real middleware (5xx and slow ones in bad phases), and records anomalies and healing
// actions, so a local Prometheus has something to scrape and the stack's alerts something to fire on.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from '../out/platform/exporter/registry.gen.ts';
import type { RequestTracker } from './middleware.ts';
import { stepAt, type Phase, type PhaseStep } from './schedule.ts';
import type { StackMetrics } from './stack-metrics.ts';
import { levelOf, phaseBand, pointIn, type Level } from './thresholds.ts';

/**
 * How busy each phase is. Rates are per second. `failShare` of healing actions fail, spread evenly from the
 * phase's first action on (so the first one of a critical phase fails, and quickly, as failures tend to).
 */
export const workload = {
  normal: { requests: 10, anomalies: 0, healingActions: 0, failShare: 0 },
  warning: { requests: 10, anomalies: 0.05, healingActions: 1 / 15, failShare: 0.1 },
  // 2 anomalies/s keeps rate(anomalies_detected_total[5m]) above HighAnomalyRate's 0.1/s within 15 s.
  critical: { requests: 10, anomalies: 2, healingActions: 1 / 5, failShare: 0.5 },
} as const satisfies Record<Phase, { requests: number; anomalies: number; healingActions: number; failShare: number }>;

export const simulatedRoutes = ['/api/orders/:id', '/api/users/:id/profile', '/api/search', '/healthz'] as const;
const unknownPaths = ['/wp-login.php', '/api/orders', '/.env'];
const anomalyTypes = ['cpu_spike', 'memory_leak', 'latency_spike', 'error_burst'];
const actionTypes = ['restart_pod', 'scale_up', 'clear_cache'];
/** The action that hangs for the whole critical phase, so HealingActionStuck has something to fire on. */
const stuckActionType = 'rollback';

const levelOfPhase: Record<Phase, Level> = { normal: 'ok', warning: 'warning', critical: 'critical' };

export interface SimulationOptions {
  readonly stack: StackMetrics<Metrics>;
  /** The exporter's request tracker (createExporter({ requests })); the simulated app runs behind it. */
  readonly tracker: RequestTracker;
  readonly schedule: readonly PhaseStep[];
  /** Start over after the last step; otherwise the last phase goes on. @default false */
  readonly repeat?: boolean;
  readonly onPhase?: (step: PhaseStep, index: number) => void;
  /** @default Math.random */
  readonly random?: () => number;
}

export interface Simulation {
  /** The phase now. */
  readonly phase: Phase;
  /** Stops the workload, aborts requests in flight and closes the simulated app. */
  stop(): Promise<void>;
}

interface Action {
  readonly type: string;
  readonly startedAt: number;
  readonly endsAt: number;
  readonly fails: boolean;
  /** Seconds the action had already run when the simulation began reporting it (the stuck one only). */
  readonly ageOffset: number;
}

/** The simulated application: answers after `delay` seconds with `status`, both chosen by the workload. */
function simulatedApp(tracker: RequestTracker): Server {
  return createServer(
    tracker.track((req, res) => {
      const query = new URL(req.url ?? '/', 'http://app').searchParams;
      const status = Number(query.get('status') ?? 200);
      setTimeout(() => res.writeHead(status, { 'Content-Type': 'text/plain' }).end(`${status}\n`), Number(query.get('delay') ?? 0) * 1000);
    }),
  );
}

export async function startSimulation(options: SimulationOptions): Promise<Simulation> {
  const { metrics: m } = options.stack;
  const random = options.random ?? Math.random;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const driven = [m.cpuUsagePercent, m.memoryUsagePercent, m.responseTimeSeconds, m.errorRatePercent, m.mlModelAccuracyRatio, m.mlFalsePositiveRatio];

  const app = simulatedApp(options.tracker);
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  const requests = new AbortController();

  const started = performance.now();
  const now = () => (performance.now() - started) / 1000;
  let current = stepAt(options.schedule, 0, false);
  let stepKey = '';
  let lastTick = 0;
  let anomalyDebt = 0;
  let actionDebt = 0;
  let failDebt = 0;
  const running: Action[] = [];

  function sendRequest(phase: Phase): void {
    const unknown = random() < 0.05;
    const path = unknown ? pick(unknownPaths) : pick(simulatedRoutes).replace(':id', String(Math.floor(random() * 10_000)));
    const errorShare = (m.errorRatePercent.value ?? 0) / 100;
    const status = unknown ? 404 : random() < errorShare ? pick([500, 502, 503]) : 200;
    const delay = pointIn(phaseBand(m.responseTimeSeconds.spec, levelOfPhase[phase]), random());
    fetch(`${appUrl}${path}?status=${status}&delay=${delay.toFixed(3)}`, { signal: requests.signal }).then(
      (res) => res.arrayBuffer(),
      () => undefined, // aborted on stop: the middleware records it as 499
    );
  }

  function finishActions(t: number): void {
    for (const action of [...running]) {
      if (action.endsAt > t) continue;
      running.splice(running.indexOf(action), 1);
      const status = action.fails ? 'failed' : 'succeeded';
      m.healingActionsTotal.inc({ action_type: action.type, status });
      (action.fails ? m.healingActionsFailedTotal : m.healingActionsSucceededTotal).inc({ action_type: action.type });
      m.healingActionDurationSeconds.observe({ action_type: action.type }, action.ageOffset + action.endsAt - action.startedAt);
    }
    for (const type of [...actionTypes, stuckActionType]) {
      const ages = running.filter((a) => a.type === type).map((a) => a.ageOffset + t - a.startedAt);
      m.healingActionRunningSeconds.set({ action_type: type }, ages.length ? Math.max(...ages) : 0);
    }
  }

  function enterStep(step: PhaseStep, t: number): void {
    // A bad phase starts a healing action at once, rather than after a whole interval. Only the critical phase has a stuck action; it is reported as already past the stuck threshold and
    // fails when the phase ends.
    const stuck = running.find((a) => a.type === stuckActionType);
    if (stuck) running.splice(running.indexOf(stuck), 1, { ...stuck, endsAt: t });
    if (workload[step.phase].healingActions > 0) actionDebt = Math.max(actionDebt, 1);
    failDebt = 0;
    if (step.phase === 'critical') {
      const age = pointIn(phaseBand(m.healingActionRunningSeconds.spec, 'critical'), 0);
      running.push({ type: stuckActionType, startedAt: t, endsAt: Number.POSITIVE_INFINITY, fails: true, ageOffset: age });
    }
  }

  function tick(): void {
    const t = now();
    const dt = t - lastTick;
    lastTick = t;
    const total = options.schedule.reduce((s, x) => s + x.seconds, 0);
    current = stepAt(options.schedule, t, options.repeat ?? false);
    const key = `${options.repeat ? Math.floor(t / total) : 0}:${current.index}`;
    const { phase } = current.step;
    if (key !== stepKey) {
      stepKey = key;
      enterStep(current.step, t);
      options.onPhase?.(current.step, current.index);
    }
    const level = levelOfPhase[phase];
    for (const gauge of driven) gauge.set(pointIn(phaseBand(gauge.spec, level), random()));
    m.activeAlerts.set(driven.filter((g) => g.value !== undefined && levelOf(g.spec, g.value) !== 'ok').length);

    const load = workload[phase];
    for (let i = 0; i < load.requests * Math.max(dt, 1); i += 1) sendRequest(phase);
    anomalyDebt += load.anomalies * dt;
    for (; anomalyDebt >= 1; anomalyDebt -= 1) {
      m.anomaliesDetectedTotal.inc({ anomaly_type: pick(anomalyTypes), severity: phase === 'critical' ? 'critical' : 'warning' });
    }
    actionDebt += load.healingActions * dt;
    for (; actionDebt >= 1; actionDebt -= 1) {
      failDebt += load.failShare;
      const fails = failDebt >= 0.5;
      if (fails) failDebt -= 1;
      const seconds = fails ? 1 + random() * 2 : 2 + random() * 6;
      running.push({ type: pick(actionTypes), startedAt: t, endsAt: t + seconds, fails, ageOffset: 0 });
    }
    finishActions(t);
  }

  tick();
  const timer = setInterval(tick, 1000);

  return {
    get phase() {
      return current.step.phase;
    },
    async stop() {
      clearInterval(timer);
      requests.abort();
      await new Promise<void>((resolve) => {
        app.close(() => resolve());
        app.closeAllConnections();
      });
    },
  };
}
