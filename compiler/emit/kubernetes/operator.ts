// Prometheus Operator output (kube-prometheus): PrometheusRule and PodMonitor instead of raw ConfigMaps, for
// clusters whose Prometheus is managed by the operator (and scaled by it, Thanos or Mimir).
// The rule groups are built by the same function that writes the rule files, so they are those files' content.
import type { Stack } from '../../model.ts';
import { groupYaml, ruleFileGroups } from '../rules.ts';
import { nameIn } from './names.ts';
import { labelsOf, type Manifest } from './workload.ts';

export const operatorDir = 'kubernetes/operator/';

export function prometheusRule(stack: Stack): Manifest {
  return {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule',
    metadata: { name: `${stack.name}-rules`, namespace: stack.monitoringNamespace, labels: { ...labelsOf(stack, stack.name), ...stack.deploy.operator.ruleLabels } },
    spec: { groups: [...ruleFileGroups(stack).values()].flat().map((g) => groupYaml(g, stack.target)) },
  };
}

/** The stack's app pods, scraped as prometheus.yml's app job does: pod IP at the exporter's port. */
export function podMonitor(stack: Stack): Manifest {
  return {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor',
    metadata: { name: nameIn(stack, stack.app), namespace: stack.monitoringNamespace, labels: { ...labelsOf(stack, stack.name), ...stack.deploy.operator.monitorLabels } },
    spec: {
      jobLabel: 'app',
      namespaceSelector: { matchNames: [stack.namespace] },
      selector: { matchLabels: { app: stack.app } },
      podMetricsEndpoints: [{
        path: stack.scrape.metricsPath,
        interval: stack.scrape.interval,
        scheme: 'http',
        relabelings: [
          { sourceLabels: ['__meta_kubernetes_pod_ip'], targetLabel: '__address__', regex: '(.+)', replacement: `$1:${stack.scrape.port}`, action: 'replace' },
        ],
      }],
    },
  };
}
