// The exporters a stack lists: node_exporter as a DaemonSet on each node's network reading the host's /proc, /sys
// and / read-only, the database exporters as one-pod Deployments beside the app reading their credentials from
// Secrets; all as nobody, read-only root, no capabilities, no API token (they never talk to the API server, so no
// RBAC). For operator clusters, a PodMonitor per exporter that labels targets as prometheus.yml's jobs do.
import type { Exporter } from '../../model-exporters.ts';
import type { Stack } from '../../model.ts';
import { partOf } from '../exporter-scrape.ts';
import { nameIn } from './names.ts';
import { containerSecurity, deployment, httpProbe, labelsOf, metadata, podSecurity, podSelector, resourcesOf, type Manifest } from './workload.ts';

/** The exporter's workload and PodMonitor: its name, with the stack's prefix in a shared namespace. Its pods keep
 *  `app: <name>`, the job name the scrape job and the PodMonitor select by (with the stack's part-of label). */
export function exporterWorkloadName(stack: Stack, e: Exporter): string {
  return nameIn(stack, e.name);
}

/** The exporters' images run as nobody. */
const nobody = 65534;
const portName = 'http-metrics';

function container(e: Exporter): Manifest {
  return {
    name: e.name,
    image: e.image,
    args: [...e.args],
    ...(e.env.length || e.credentialEnv.length ? {
      env: [
        ...e.env.map((v) => ({ name: v.name, value: v.value })),
        // credentials only by reference: the value stays in the Secret
        ...e.credentialEnv.filter((s) => s.secret).map((s) => ({ name: s.env, valueFrom: { secretKeyRef: { name: s.secret!.secret, key: s.secret!.key } } })),
      ],
    } : {}),
    ports: [{ name: portName, containerPort: e.port, ...(e.runsOn === 'every-node' ? { hostPort: e.port } : {}) }],
    ...(e.hostMounts.length ? {
      // the root stays in step with the host's mounts (HostToContainer), as node_exporter's filesystem collector needs
      volumeMounts: e.hostMounts.map((m) => ({ name: m.name, mountPath: m.mountPath, readOnly: true, ...(m.hostPath === '/' ? { mountPropagation: 'HostToContainer' } : {}) })),
    } : {}),
    resources: resourcesOf(e.resources),
    livenessProbe: httpProbe('/', portName, 10),
    readinessProbe: httpProbe('/', portName, 5),
  };
}

/** One pod per node, on the node's network: the node's interfaces and a port on each node. */
function daemonSet(stack: Stack, e: Exporter): Manifest {
  const name = exporterWorkloadName(stack, e);
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { ...metadata(stack, name, e.name), namespace: e.namespace },
    spec: {
      selector: { matchLabels: podSelector(stack, name, e.name) },
      template: {
        metadata: { labels: labelsOf(stack, e.name) },
        spec: {
          automountServiceAccountToken: false,
          hostNetwork: true,
          securityContext: podSecurity(nobody, nobody),
          // every node, control plane and tainted ones too
          tolerations: [{ operator: 'Exists' }],
          containers: [{ ...container(e), securityContext: containerSecurity }],
          volumes: e.hostMounts.map((m) => ({ name: m.name, hostPath: { path: m.hostPath } })),
        },
      },
    },
  };
}

export function exporterWorkload(stack: Stack, e: Exporter): Manifest {
  return e.runsOn === 'every-node'
    ? daemonSet(stack, e)
    : deployment(stack, { name: exporterWorkloadName(stack, e), app: e.name, namespace: e.namespace, user: nobody, group: nobody, recreate: false, configs: [], containers: [container(e)], volumes: [] });
}

export function exporterManifests(stack: Stack): Manifest[] {
  return stack.exporters.map((e) => exporterWorkload(stack, e));
}

/** The exporter's pods, scraped at their metrics port. The operator also adds `container` and `endpoint`: dropped,
 *  so the targets carry namespace, pod, instance and job, as in prometheus.yml. */
export function exporterPodMonitor(stack: Stack, e: Exporter): Manifest {
  return {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor',
    metadata: { name: exporterWorkloadName(stack, e), namespace: stack.monitoringNamespace, labels: { ...labelsOf(stack, e.name), ...stack.deploy.operator.monitorLabels } },
    spec: {
      jobLabel: 'app',
      namespaceSelector: { matchNames: [e.namespace] },
      selector: { matchLabels: { app: e.name, 'app.kubernetes.io/part-of': partOf(stack) } },
      podMetricsEndpoints: [{
        port: portName,
        path: e.metricsPath,
        interval: stack.scrape.interval,
        scheme: 'http',
        relabelings: [{ action: 'labeldrop', regex: 'container|endpoint' }],
      }],
    },
  };
}
