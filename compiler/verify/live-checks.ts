// The live judge's verdicts on what the engines report, as pure functions of the plan and the API answers, so
// each can be checked without starting anything.
import type { Delivery } from '../../scripts/local/webhook.ts';
import type { ActiveAlert, AlertmanagerAlert } from './live-api.ts';
import { isAlertOf, type DrivenAlert } from './live-plan.ts';
import type { JudgeFailure } from './judge.ts';

const path = (stack: string, rule: DrivenAlert) => [stack, `alert ${rule.rule.name}`];

/** A regular expression an annotation rendered from `template` must match; undefined for templates beyond
 *  `{{ $labels.x }}` and `{{ $value … }}`, which are then only checked to be rendered at all. */
export function renderedPattern(template: string, labels: Readonly<Record<string, string>>): RegExp | undefined {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = template.split(/(\{\{[^}]*\}\})/);
  const out: string[] = [];
  for (const part of parts) {
    const label = /^\{\{\s*\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}$/.exec(part);
    if (label) out.push(escape(labels[label[1]!] ?? ''));
    else if (/^\{\{\s*\$value\b/.test(part)) out.push('(-?[0-9][^ ]*|[0-9.]+[a-zµ%]+(?: [0-9.]+[a-zµ]+)*|NaN|[+-]?Inf)');
    else if (part.startsWith('{{')) return undefined;
    else out.push(escape(part));
  }
  return new RegExp(`^${out.join('')}$`);
}

/** Driven alerts that are not firing, and firing ones whose labels or annotations differ from their rule. */
export function firingFailures(stack: string, driven: readonly DrivenAlert[], active: readonly ActiveAlert[]): JudgeFailure[] {
  const failures: JudgeFailure[] = [];
  for (const d of driven) {
    const mine = active.filter((a) => isAlertOf(d, a.labels));
    const firing = mine.filter((a) => a.state === 'firing');
    if (firing.length === 0) {
      failures.push({
        message: `${d.rule.name} did not fire within ${Math.round(d.fireWithinMs / 1000)} s of the ${d.rule.severity} phase (${mine.length ? 'pending' : 'not even pending'}; expr ${d.rule.expr.text}, for ${d.rule.for})`,
        where: d.rule.source, path: path(stack, d),
      });
      continue;
    }
    for (const alert of firing) {
      for (const [name, value] of Object.entries({ ...d.rule.labels, severity: d.rule.severity })) {
        if (alert.labels[name] !== value) failures.push({ message: `${d.rule.name} fired with ${name}="${alert.labels[name] ?? ''}", its rule sets "${value}"`, where: d.rule.source, path: path(stack, d) });
      }
      for (const [name, template] of Object.entries(d.rule.annotations)) {
        const rendered = alert.annotations[name] ?? '';
        const pattern = renderedPattern(template, alert.labels);
        const ok = pattern ? pattern.test(rendered) : !rendered.includes('{{');
        if (!ok) failures.push({ message: `${d.rule.name}: annotation ${name} rendered as "${rendered}" from "${template}"`, where: d.rule.source, path: path(stack, d) });
      }
    }
  }
  return failures;
}

export interface RoutingInput {
  readonly stack: string;
  /** Driven alerts that fired, with Date.now() when the judge first saw each firing. */
  readonly fired: readonly { readonly alert: DrivenAlert; readonly firedAt: number }[];
  /** Alertmanager's /api/v2/alerts at the end of the run. */
  readonly held: readonly AlertmanagerAlert[];
  readonly deliveries: readonly Delivery[];
  /** Alertmanager's group_by and group_interval (ms), to tell a late notification from a lost one. */
  readonly groupBy: readonly string[];
  readonly groupIntervalMs: number;
}

const delivered = (deliveries: readonly Delivery[], alert: DrivenAlert) =>
  deliveries.filter((d) => d.notification.alerts.some((a) => a.status === 'firing' && isAlertOf(alert, a.labels)));

/**
 * Every fired driven alert reached Alertmanager routed to the receivers the stack's tree names; the inhibited ones are
 * suppressed; the others arrived at each of those receivers' webhooks, and nowhere else. An alert that joined a group
 * already notified waits for group_interval: noted, not failed, when Alertmanager routed it right. An alert whose
 * route depends on data labels or a schedule is only checked to reach Alertmanager.
 */
export function routingVerdict(input: RoutingInput): { failures: JudgeFailure[]; notes: string[] } {
  const failures: JudgeFailure[] = [];
  const notes: string[] = [];
  for (const { alert: d, firedAt } of input.fired) {
    const fail = (message: string) => failures.push({ message, where: d.rule.source, path: path(input.stack, d) });
    const held = input.held.filter((a) => isAlertOf(d, a.labels));
    if (held.length === 0) {
      fail(`${d.rule.name} fired in Prometheus but never reached Alertmanager`);
      continue;
    }
    if (d.deliveryUnjudged) {
      notes.push(`${d.rule.name}: delivery not judged, ${d.deliveryUnjudged}`);
      continue;
    }
    const expected = new Set(d.receivers);
    const to = d.receivers.join(' and ');
    const misrouted = held.flatMap((a) => a.receivers.map((r) => r.name)).filter((r) => !expected.has(r));
    if (misrouted.length) fail(`Alertmanager routed ${d.rule.name} (${d.rule.severity}) to ${[...new Set(misrouted)].join(', ')}; the stack routes it to ${to}`);
    const got = delivered(input.deliveries, d);
    const rightly = (x: Delivery, r: string) => x.pathReceiver === r && x.notification.receiver === r;
    const elsewhere = [...new Set(got.filter((x) => !d.receivers.some((r) => rightly(x, r))).map((x) => x.pathReceiver ?? x.notification.receiver))];
    if (elsewhere.length) fail(`${d.rule.name} was delivered to ${elsewhere.join(', ')}; the stack routes it to ${to}`);
    if (d.inhibitedBy) {
      const loose = held.filter((a) => a.status.state !== 'suppressed' || a.status.inhibitedBy.length === 0);
      if (loose.length) fail(`${d.rule.name} is ${loose[0]!.status.state} in Alertmanager although ${d.inhibitedBy} fires and the stack's inhibit rules silence it`);
      continue;
    }
    const key = (labels: Readonly<Record<string, string>>) =>
      input.groupBy.includes('...') ? JSON.stringify(labels) : input.groupBy.map((l) => labels[l] ?? '').join('\u0000');
    const groupKeys = new Set(held.map((a) => key(a.labels)));
    for (const receiver of d.receivers) {
      if (got.some((x) => rightly(x, receiver))) continue;
      const groupNotifiedBefore = input.deliveries.some((x) => x.at < firedAt && x.notification.receiver === receiver
        && x.notification.alerts.some((a) => groupKeys.has(key(a.labels))));
      if (groupNotifiedBefore && misrouted.length === 0) {
        notes.push(`${d.rule.name} joined a group already notified; Alertmanager routed it to ${receiver}, whose next notification comes after group_interval (${Math.round(input.groupIntervalMs / 1000)} s)`);
      } else {
        fail(`${d.rule.name} was not delivered to ${receiver}'s webhook within group_wait`);
      }
    }
  }
  return { failures, notes };
}
