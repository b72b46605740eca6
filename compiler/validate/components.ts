// Components a stack does not deploy (docs/deploy.md, "Components"): URLs Prometheus and Grafana can reach, and
// combinations that mean something. Each at the existing()/kubePrometheus() call, or at deploy().
import { names, namePrefix } from '../emit/kubernetes/names.ts';
import type { Issue } from '../issues.ts';
import { components, type Component, type Placement } from '../model-deploy.ts';
import type { Stack } from '../model.ts';
import { issue } from './context.ts';

/** What each component may be besides deployed; anything else comes only from plain JavaScript or a cast. */
const allowed: Readonly<Record<Component, readonly Placement['kind'][]>> = {
  prometheus: ['existing', 'kube-prometheus'],
  alertmanager: ['existing'],
  grafana: ['existing', 'none'],
  blackboxExporter: ['existing'],
  kubeStateMetrics: ['existing'],
};
/** Reached by the stack's own configs, so an existing one needs its address. */
const needsUrl: ReadonlySet<Component> = new Set(['prometheus', 'alertmanager', 'blackboxExporter']);

/** Why `url` cannot be an existing component's address, or undefined when it can. */
export function urlProblem(url: string): string | undefined {
  let u: URL;
  try { u = new URL(url); } catch { return 'is not a URL'; }
  if (!/^https?:$/.test(u.protocol)) return `has scheme ${u.protocol.slice(0, -1)}, not http or https`;
  if (u.username || u.password) return 'carries a user or password, which would be written to out/';
  if (u.search || u.hash) return 'has a query or fragment; give the base URL the component is served under';
  return undefined;
}

function placementIssues(stack: Stack, c: Component, p: Placement): Issue[] {
  if (p.kind === 'deployed') return [];
  const out: Issue[] = [];
  const at = (code: string, message: string, hint: string) => out.push(issue(code, p.source, [stack.name, 'deploy', 'components', c], message, hint));
  if (!allowed[c].includes(p.kind)) at('deploy/component-kind', `${c} cannot be ${p.kind}`, `use 'deploy' or ${allowed[c].join(' or ')}`);
  if (p.kind === 'existing') {
    if (p.url === undefined && needsUrl.has(c)) at('deploy/component-url', `existing ${c} has no url`, `give where it is reached in the cluster, e.g. existing({ url: 'http://${names[c]}.monitoring.svc:9093' })`);
    const problem = p.url === undefined ? undefined : urlProblem(p.url);
    if (problem) at('deploy/component-url', `url "${p.url}" of the existing ${c} ${problem}`, "write it as 'http(s)://host[:port][/path]'");
    if (p.folder !== undefined && (c !== 'grafana' || p.folder.trim() === '')) at('deploy/component-folder', `folder of ${c} ${c === 'grafana' ? 'is empty' : 'means nothing: only Grafana files dashboards in folders'}`, 'remove it, or name a folder');
  }
  if (p.unusedSettings?.length) {
    // the settings are written in deploy(), not at the component
    out.push(issue('deploy/unused-settings', stack.deploy.source, [stack.name, 'deploy', c], `deploy() sets ${p.unusedSettings.join(', ')} of ${c}, which stackc does not deploy`, `remove ${c} from ${p.unusedSettings.join(', ')}: the existing one is configured where it runs`));
  }
  return out;
}

/** kube-prometheus brings its own Alertmanager, Grafana and exporters: pointing elsewhere cannot be wired up. */
function operatorIssues(stack: Stack): Issue[] {
  const c = stack.deploy.components;
  if (c.prometheus.kind !== 'kube-prometheus') return [];
  const where = c.prometheus.source;
  return (['alertmanager', 'blackboxExporter', 'kubeStateMetrics'] as const).filter((k) => c[k].kind !== 'deployed').map((k) => issue(
    'deploy/operator-components', where, [stack.name, 'deploy', 'components', k],
    `with kubePrometheus() the ${k} is kube-prometheus' own: components.${k} cannot point elsewhere`,
    `remove components.${k}; give kube-prometheus' Alertmanager alertmanager/alertmanager.yml (docs/deploy.md, "kube-prometheus")`));
}

function kubeStateMetricsIssues(stack: Stack): Issue[] {
  const ksm = stack.deploy.components.kubeStateMetrics;
  if (ksm.kind !== 'existing' || ksm.url !== undefined || stack.deploy.components.prometheus.kind !== 'deployed') return [];
  return [issue('deploy/kube-state-metrics-unscraped', ksm.source, [stack.name, 'deploy', 'components', 'kubeStateMetrics'],
    'the existing kube-state-metrics has no url, and the Prometheus stackc deploys would never scrape it',
    "give its url (existing({ url: 'http://kube-state-metrics.kube-system.svc:8080' })), or use an existing Prometheus that scrapes it")];
}

/** A shared namespace prefixes names with the stack's: a Service and an `app` label hold at most 63 characters. */
function sharedNameIssues(stack: Stack): Issue[] {
  const prefix = namePrefix(stack);
  const longest = [...Object.values(names), ...stack.exporters.map((e) => e.name)].reduce((a, b) => (b.length > a.length ? b : a), '');
  if (!prefix || prefix.length + longest.length <= 63) return [];
  return [issue('deploy/shared-name-length', stack.deploy.source, [stack.name, 'deploy'],
    `with sharedNamespace, "${prefix}${longest}" is longer than the 63 characters Kubernetes allows in a Service name`,
    `shorten the stack name to at most ${63 - longest.length - 1} characters`)];
}

export function checkComponents(stack: Stack): Issue[] {
  return [
    ...components.flatMap((c) => placementIssues(stack, c, stack.deploy.components[c])),
    ...operatorIssues(stack),
    ...kubeStateMetricsIssues(stack),
    ...sharedNameIssues(stack),
  ];
}
