// Alerting and deployment settings: receivers Alertmanager accepts, Secret names Kubernetes accepts, images
// pinned by version, quantities Kubernetes parses, and external series the deployed exporters can serve.
import { parseDuration } from '../duration.ts';
import { secretsOf } from '../emit/alertmanager-receivers.ts';
import { kubeStateResources } from '../emit/kubernetes/exporters.ts';
import { catalogs } from '../emit/kubernetes/names.ts';
import type { Issue } from '../issues.ts';
import { components, type SecretKeyRef } from '../model-deploy.ts';
import type { Stack } from '../model.ts';
import { issue } from './context.ts';

const dnsSubdomain = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const secretKeyName = /^[-._a-zA-Z0-9]+$/;
const quantity = /^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$/;
/** A tag after the last `/`, or a digest: `latest` and untagged images change under you. */
export const pinned = /^[^@]+(:[^/:@]+|@sha256:[a-f0-9]{64})$/;

export function secretIssues(path: string[], ref: SecretKeyRef, where: Stack['alerting']['receivers'][number]['source']): Issue[] {
  const out: Issue[] = [];
  if (!dnsSubdomain.test(ref.secret) || ref.secret.length > 253) {
    out.push(issue('deploy/secret-name', where, path, `Secret name "${ref.secret}" is not a valid Kubernetes name`, 'use lower-case letters, digits, dashes and dots'));
  }
  if (!secretKeyName.test(ref.key)) {
    out.push(issue('deploy/secret-key', where, path, `Secret key "${ref.key}" is not a valid key`, 'use letters, digits, dashes, dots and underscores'));
  }
  return out;
}

export function checkDeploy(stack: Stack): Issue[] {
  const out: Issue[] = [];
  const a = stack.alerting;
  const names = new Map<string, number>();
  for (const r of a.receivers) names.set(r.name, (names.get(r.name) ?? 0) + 1);
  for (const r of a.receivers) {
    const path = [stack.name, 'alerting', `receiver ${r.name}`];
    if (names.get(r.name)! > 1) out.push(issue('alerting/duplicate-receiver', r.source, path, `two different receivers are named "${r.name}"`, 'give each receiver its own name, or reuse the same receiver object'));
    if (!/^[a-zA-Z0-9][-_a-zA-Z0-9]*$/.test(r.name)) out.push(issue('alerting/receiver-name', r.source, path, `receiver name "${r.name}" cannot name a Kubernetes volume or file`, 'use letters, digits, dashes and underscores'));
    for (const n of r.notifiers) {
      for (const [field, ref] of Object.entries(secretsOf(n))) {
        if (typeof ref !== 'object' || ref === null || typeof ref.secret !== 'string' || typeof ref.key !== 'string') {
          // only plain JavaScript (or a cast) gets here: the types ask for secretKey(...)
          out.push(issue('alerting/secret-as-string', r.source, path, `${n.kind} ${field} is given as a value; a credential would be written to out/`, `create a Secret and name its key: ${field}: secretKey('<secret>', '<key>')`));
        } else out.push(...secretIssues(path, ref, r.source));
      }
      if (n.kind === 'email') {
        for (const [field, value] of [['to', n.to], ['from', n.from]] as const) {
          if (!/^[^@\s,]+@[^@\s,]+(\s*,\s*[^@\s,]+@[^@\s,]+)*$/.test(value)) out.push(issue('alerting/email', r.source, path, `email ${field} "${value}" is not an e-mail address`, "write e.g. 'team@example.com'"));
        }
        if (!/^[^:\s/]+:\d+$/.test(n.smarthost)) out.push(issue('alerting/email', r.source, path, `email smarthost "${n.smarthost}" is not host:port`, "write e.g. 'smtp.example.com:587'"));
      }
      if (n.kind === 'opsgenie' && n.apiUrl !== undefined && !/^https?:\/\/[^\s@]+$/.test(n.apiUrl)) {
        out.push(issue('alerting/opsgenie-url', r.source, path, `opsgenie apiUrl "${n.apiUrl}" is not an http(s) URL without credentials`, "write e.g. 'https://api.eu.opsgenie.com/'"));
      }
      if (n.kind === 'webhook') {
        let url: URL | undefined;
        try { url = new URL(n.url); } catch { url = undefined; }
        if (!url || !/^https?:$/.test(url.protocol)) out.push(issue('alerting/webhook-url', r.source, path, `webhook url "${n.url}" is not an http(s) URL`, "write it as 'http://host:port/path'"));
        else if (url.username || url.password || /token|key|secret|password/i.test(url.search)) {
          out.push(issue('alerting/credential-in-url', r.source, path, `webhook url "${n.url}" carries a credential, which would be written to out/`, "move it to a Secret: webhook({ url, bearerToken: secretKey('<secret>', '<key>') })"));
        }
      }
    }
  }
  for (const [key, value] of [['groupWait', a.groupWait], ['groupInterval', a.groupInterval], ['repeatInterval', a.repeatInterval]] as const) {
    const ms = parseDuration(value);
    if (ms === undefined || ms === 0) out.push(issue('alerting/invalid-duration', a.source, [stack.name, 'alerting'], `${key} "${value}" is not a valid duration`, 'write a duration such as 30s, 5m or 4h'));
  }
  const d = stack.deploy;
  const at = (code: string, message: string, hint: string) => out.push(issue(code, d.source, [stack.name, 'deploy'], message, hint));
  for (const c of components) {
    if (!pinned.test(d.images[c]) || /:latest$/.test(d.images[c])) at('deploy/unpinned-image', `image of ${c} "${d.images[c]}" is not pinned to a version`, "write a version tag or digest, e.g. 'prom/prometheus:v3.16.0'");
    for (const [kind, r] of [['requests', d.resources[c].requests], ['limits', d.resources[c].limits]] as const) {
      for (const [res, v] of Object.entries(r)) if (!quantity.test(v)) at('deploy/quantity', `${c} ${kind}.${res} "${v}" is not a Kubernetes quantity`, "write e.g. '500m' for CPU or '512Mi' for memory");
    }
  }
  for (const [c, v] of Object.entries(d.storage)) if (!quantity.test(v)) at('deploy/quantity', `storage of ${c} "${v}" is not a Kubernetes quantity`, "write e.g. '50Gi'");
  if (!/^[0-9]+(ms|s|m|h|d|w|y)$/.test(d.retention)) at('deploy/retention', `retention "${d.retention}" is not a Prometheus duration`, "write e.g. '15d'");
  if (!dnsSubdomain.test(d.grafanaAdminSecret)) at('deploy/secret-name', `grafanaAdminSecret "${d.grafanaAdminSecret}" is not a valid Kubernetes name`, 'use lower-case letters, digits, dashes and dots');
  // kube-state-metrics is started with --resources for exactly the series the catalog names
  for (const m of stack.externalMetrics.filter((e) => e.catalog === catalogs.kubeStateMetrics)) {
    if (!Object.keys(kubeStateResources).some((p) => m.name.startsWith(p))) {
      at('deploy/kube-state-metrics-resource', `kube-state-metrics series ${m.name} belongs to no resource stackc knows how to collect`,
        `add its resource to kubeStateResources in compiler/emit/kubernetes/exporters.ts (known: ${Object.keys(kubeStateResources).join(', ')})`);
    }
  }
  return out;
}
