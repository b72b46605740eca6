// The building blocks every component's manifests share: labels, the hardened security context, ConfigMaps that
// embed generated files byte for byte, and the checksum annotation that rolls a pod when its config changes.
import { createHash } from 'node:crypto';
import type { Resources } from '../../model-deploy.ts';
import type { Stack } from '../../model.ts';
import { partOf } from '../exporter-scrape.ts';

export type Manifest = Record<string, unknown>;

export function labelsOf(stack: Stack, app: string): Record<string, string> {
  return { app, 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': partOf(stack) };
}

export function metadata(stack: Stack, name: string, app: string): Manifest {
  return { name, namespace: stack.monitoringNamespace, labels: labelsOf(stack, app) };
}

/** A ConfigMap whose data is exactly the given files (path → bytes), keyed by file name. */
export interface EmbeddedConfig {
  readonly name: string;
  readonly data: Readonly<Record<string, string>>;
}

export function configMap(stack: Stack, app: string, config: EmbeddedConfig): Manifest {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata(stack, config.name, app), data: { ...config.data } };
}

/** Files of `earlier` whose path starts with `prefix`, keyed by their name after it, sorted. */
export function embed(earlier: ReadonlyMap<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries([...earlier].filter(([p]) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
    .sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, c]) => [p.slice(prefix.length), c]));
}

/** sha256 of a ConfigMap's data, as a pod annotation: a changed file changes the pod template and rolls the pod. */
export function checksumAnnotations(configs: readonly EmbeddedConfig[]): Record<string, string> {
  return Object.fromEntries(configs.map((c) => [`checksum/${c.name}`, createHash('sha256').update(JSON.stringify(Object.entries(c.data).sort())).digest('hex')]));
}

/** Non-root, no privilege escalation, no capabilities, read-only root, the runtime's seccomp profile. */
export function podSecurity(user: number, group: number): Manifest {
  return { runAsNonRoot: true, runAsUser: user, runAsGroup: group, fsGroup: group, seccompProfile: { type: 'RuntimeDefault' } };
}

export const containerSecurity: Manifest = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

export function resourcesOf(r: Resources): Manifest {
  return { requests: { ...r.requests }, limits: { ...r.limits } };
}

export function httpProbe(path: string, port: number | string, initialDelaySeconds: number): Manifest {
  return { httpGet: { path, port }, initialDelaySeconds, timeoutSeconds: 5, periodSeconds: 10, failureThreshold: 3 };
}

export function clusterIpService(stack: Stack, name: string, ports: readonly { name: string; port: number; targetPort: number | string }[]): Manifest {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: metadata(stack, name, name),
    spec: { type: 'ClusterIP', selector: { app: name }, ports: ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.targetPort, protocol: 'TCP' })) },
  };
}

export function pvc(stack: Stack, name: string, app: string, size: string): Manifest {
  return {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: metadata(stack, name, app),
    spec: {
      accessModes: ['ReadWriteOnce'],
      ...(stack.deploy.storageClass ? { storageClassName: stack.deploy.storageClass } : {}),
      resources: { requests: { storage: size } },
    },
  };
}

export interface DeploymentSpec {
  readonly name: string;
  readonly user: number;
  readonly group: number;
  readonly containers: readonly Manifest[];
  readonly volumes: readonly Manifest[];
  readonly configs: readonly EmbeddedConfig[];
  /** Only Prometheus and kube-state-metrics talk to the API server. */
  readonly serviceAccountName?: string;
  /** A ReadWriteOnce volume cannot attach to the old and the new pod at once: replace, don't roll. */
  readonly recreate: boolean;
  /** @default the monitoring namespace */
  readonly namespace?: string;
  /** The pods' `app` label when it is not the name (an exporter's job name in a shared namespace). @default name */
  readonly app?: string;
}

/** A workload's pods: by `app`, and by the stack too when `app` alone could be another stack's pods. */
export function podSelector(stack: Stack, name: string, app: string): Record<string, string> {
  return app === name ? { app } : { app, 'app.kubernetes.io/part-of': partOf(stack) };
}

export function deployment(stack: Stack, d: DeploymentSpec): Manifest {
  const app = d.app ?? d.name;
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { ...metadata(stack, d.name, app), ...(d.namespace ? { namespace: d.namespace } : {}) },
    spec: {
      replicas: 1,
      ...(d.recreate ? { strategy: { type: 'Recreate' } } : {}),
      selector: { matchLabels: podSelector(stack, d.name, app) },
      template: {
        metadata: { labels: labelsOf(stack, app), ...(d.configs.length ? { annotations: checksumAnnotations(d.configs) } : {}) },
        spec: {
          ...(d.serviceAccountName ? { serviceAccountName: d.serviceAccountName } : {}),
          automountServiceAccountToken: d.serviceAccountName !== undefined,
          securityContext: podSecurity(d.user, d.group),
          containers: d.containers.map((c) => ({ ...c, securityContext: containerSecurity })),
          volumes: [...d.volumes],
        },
      },
    },
  };
}

export function configVolume(name: string, configMapName: string): Manifest {
  return { name, configMap: { name: configMapName } };
}
