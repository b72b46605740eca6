// Which components this stack deploys and how everything that talks to one reaches it: the Service stackc
// deploys, or the URL of the existing one (docs/deploy.md, "Components").
import type { Component } from '../../model-deploy.ts';
import type { Stack } from '../../model.ts';
import { serviceAddress } from './names.ts';

/** kube-prometheus runs Prometheus, Alertmanager, Grafana and the exporters: the stack emits rules, monitors and dashboards only. */
export function operatorOnly(stack: Stack): boolean {
  return stack.deploy.components.prometheus.kind === 'kube-prometheus';
}

/** stackc deploys this component (manifests, RBAC, a Secret check in deploy.sh). */
export function isDeployed(stack: Stack, component: Component): boolean {
  return !operatorOnly(stack) && stack.deploy.components[component].kind === 'deployed';
}

/** How Prometheus or Grafana reaches a component: scheme, `host:port` and the path it is served under. */
export interface Endpoint {
  readonly scheme: 'http' | 'https';
  readonly address: string;
  /** '' or a path without the trailing slash, e.g. '/alertmanager'. */
  readonly pathPrefix: string;
}

/** The parts of an http(s) URL; validation (compiler/validate/components.ts) has rejected any other. */
export function endpointOf(url: string): Endpoint {
  const u = new URL(url);
  const scheme = u.protocol === 'https:' ? 'https' : 'http';
  return { scheme, address: `${u.hostname}:${u.port || (scheme === 'https' ? '443' : '80')}`, pathPrefix: u.pathname.replace(/\/+$/, '') };
}

/** The deployed Service, or the existing component's URL; undefined for one without a URL (reached by no one). */
export function endpoint(stack: Stack, component: Component): Endpoint | undefined {
  const p = stack.deploy.components[component];
  if (p.kind === 'existing') return p.url === undefined ? undefined : endpointOf(p.url);
  return { scheme: 'http', address: serviceAddress(stack, component), pathPrefix: '' };
}
