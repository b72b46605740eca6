// The exporters a stack runs: one per name, names Kubernetes and Prometheus accept and no other job or component
// has, ports that do not clash where they share a host (the local profile's loopback, a node's network), credentials
// only from Secret keys, images pinned.
import { names as components, ports as componentPorts } from '../emit/kubernetes/names.ts';
import { clusterScrapeJobs } from '../emit/prometheus-config.ts';
import type { Issue } from '../issues.ts';
import type { Exporter } from '../model-exporters.ts';
import type { Stack } from '../model.ts';
import { issue } from './context.ts';
import { pinned, secretIssues } from './deploy.ts';

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Jobs and components an exporter's name must not take: its job, app label and workload would be theirs. */
function takenNames(stack: Stack): Map<string, string> {
  const jobs = clusterScrapeJobs({ ...stack, exporters: [] }).map((j) => String(j['job_name']));
  return new Map([
    ...Object.values(components).map((n) => [n, `stackc's ${n}`] as const),
    ...jobs.map((n) => [n, n === stack.app ? `the app's job (app: '${stack.app}')` : `the scrape job ${n}`] as const),
  ]);
}

/** What else listens on the loopback host of the local profile, by port. */
function localPorts(stack: Stack): Map<number, string> {
  return new Map([
    [stack.scrape.port, `the app's exporter (scrape.port ${stack.scrape.port})`],
    [componentPorts.prometheus, 'Prometheus in the local profile'],
    [componentPorts.alertmanager, 'Alertmanager in the local profile'],
  ]);
}

export function checkExporters(stack: Stack): Issue[] {
  const out: Issue[] = [];
  const taken = takenNames(stack);
  const local = localPorts(stack);
  const seen = new Map<string, Exporter>();
  const localSeen = new Map<number, Exporter>();
  const hostSeen = new Map<number, Exporter>();
  for (const e of stack.exporters) {
    const path = [stack.name, 'exporters', e.name];
    const at = (code: string, message: string, hint: string) => out.push(issue(code, e.source, path, message, hint));
    const first = seen.get(e.name);
    if (first) {
      at('exporters/duplicate', `the exporter ${e.name} is listed twice (first at ${first.source.file}:${first.source.line})`,
        `list it once; to watch a second ${e.exporter} instance, give it a name of its own: { name: '${e.name}-2', … }`);
      continue;
    }
    seen.set(e.name, e);
    if (!dnsLabel.test(e.name)) at('exporters/name', `exporter name "${e.name}" is not a valid Kubernetes name`, 'use lower-case letters, digits and dashes, at most 63');
    const owner = taken.get(e.name);
    if (owner) at('exporters/name-taken', `exporter name "${e.name}" is already ${owner}: its job, app label and workload would be the same`, `name it apart: { name: '${e.name}-exporter' }`);
    for (const [what, port] of [['port', e.port], ['localPort', e.localPort]] as const) {
      if (!Number.isInteger(port) || port < 1 || port > 65535) at('exporters/port', `${what} ${port} of ${e.name} is not a TCP port`, 'use a port from 1 to 65535');
    }
    const localOwner = local.get(e.localPort) ?? (localSeen.has(e.localPort) ? `the exporter ${localSeen.get(e.localPort)!.name}` : undefined);
    if (localOwner) at('exporters/port-clash', `local port ${e.localPort} of ${e.name} is also ${localOwner}'s, on the same loopback host`, `give it a free one: { localPort: ${e.localPort + 1} }`);
    localSeen.set(e.localPort, e);
    if (e.runsOn === 'every-node') {
      const other = hostSeen.get(e.port);
      if (other) at('exporters/port-clash', `port ${e.port} of ${e.name} is also ${other.name}'s, and both listen on every node's network`, `give it another: { port: ${e.port + 1} }`);
      hostSeen.set(e.port, e);
    }
    for (const s of e.credentialEnv) {
      if (!s.secret) at('exporters/missing-secret', `${e.name} has no ${s.option}: it reads ${s.env} from a Secret key`, `add ${s.option}: secretKey('<secret>', '<key>'), the Secret created in namespace ${e.namespace}`);
      else out.push(...secretIssues(path, s.secret, e.source));
    }
    for (const v of e.env) {
      let url: URL | undefined;
      try { url = new URL(v.value); } catch { url = undefined; }
      if (url?.password || url?.username) {
        at('exporters/credential-in-address', `${e.name}'s address carries a credential, which would be written to out/`, "write the address without it and put the password in a Secret: { password: secretKey('<secret>', '<key>') }");
      }
      if (v.value === '') at('exporters/missing-address', `${e.name} has no address to watch (${v.name})`, "add address: 'redis://<host>:6379'");
    }
    if (!pinned.test(e.image) || /:latest$/.test(e.image)) at('exporters/unpinned-image', `image of ${e.name} "${e.image}" is not pinned to a version`, 'write a version tag or digest');
  }
  return out;
}
