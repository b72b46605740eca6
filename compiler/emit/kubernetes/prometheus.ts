// Prometheus and Alertmanager: each a ConfigMap embedding the generated files, a PVC, a Deployment and a Service.
import type { Stack } from '../../model.ts';
import { alertmanagerFile } from '../alertmanager.ts';
import { secretsOf } from '../alertmanager-receivers.ts';
import { prometheusFile } from '../prometheus-config.ts';
import { names, ports, secretsDir } from './names.ts';
import {
  clusterIpService, configMap, configVolume, deployment, embed, httpProbe, pvc, resourcesOf, type EmbeddedConfig, type Manifest,
} from './workload.ts';

/** prometheus.yml and the rule files beside it (rule_files are relative to it); the local profile stays out. */
export function prometheusConfig(earlier: ReadonlyMap<string, string>): EmbeddedConfig {
  const local = prometheusFile.replace('.yml', '.local.yml');
  const data = embed(new Map([...earlier].filter(([p]) => p !== local)), 'prometheus/');
  return { name: 'prometheus-config', data };
}

export function prometheusManifests(stack: Stack, earlier: ReadonlyMap<string, string>): Manifest[] {
  const config = prometheusConfig(earlier);
  const d = stack.deploy;
  return [
    configMap(stack, names.prometheus, config),
    pvc(stack, 'prometheus-storage', names.prometheus, d.storage.prometheus),
    deployment(stack, {
      name: names.prometheus, user: 65534, group: 65534, serviceAccountName: names.prometheus, recreate: true, configs: [config],
      containers: [{
        name: names.prometheus,
        image: d.images.prometheus,
        args: [
          '--config.file=/etc/prometheus/prometheus.yml',
          '--storage.tsdb.path=/prometheus',
          `--storage.tsdb.retention.time=${d.retention}`,
          '--web.enable-lifecycle',
        ],
        ports: [{ name: 'web', containerPort: ports.prometheus }],
        volumeMounts: [{ name: 'config', mountPath: '/etc/prometheus', readOnly: true }, { name: 'storage', mountPath: '/prometheus' }],
        resources: resourcesOf(d.resources.prometheus),
        livenessProbe: httpProbe('/-/healthy', 'web', 30),
        readinessProbe: httpProbe('/-/ready', 'web', 5),
      }],
      volumes: [configVolume('config', config.name), { name: 'storage', persistentVolumeClaim: { claimName: 'prometheus-storage' } }],
    }),
    clusterIpService(stack, names.prometheus, [{ name: 'web', port: ports.prometheus, targetPort: 'web' }]),
  ];
}

/** The Secrets the receivers read credentials from, each mounted as one folder under secretsDir. */
export function receiverSecrets(stack: Stack): string[] {
  const refs = stack.alerting.receivers.flatMap((r) => r.notifiers.flatMap((n) => Object.values(secretsOf(n))));
  return [...new Set(refs.map((r) => r.secret))].sort();
}

export function alertmanagerConfig(earlier: ReadonlyMap<string, string>): EmbeddedConfig {
  const data = embed(new Map([...earlier].filter(([p]) => p === alertmanagerFile)), 'alertmanager/');
  return { name: 'alertmanager-config', data };
}

export function alertmanagerManifests(stack: Stack, earlier: ReadonlyMap<string, string>): Manifest[] {
  const config = alertmanagerConfig(earlier);
  const d = stack.deploy;
  const secrets = receiverSecrets(stack);
  return [
    configMap(stack, names.alertmanager, config),
    pvc(stack, 'alertmanager-storage', names.alertmanager, d.storage.alertmanager),
    deployment(stack, {
      name: names.alertmanager, user: 65534, group: 65534, recreate: true, configs: [config],
      containers: [{
        name: names.alertmanager,
        image: d.images.alertmanager,
        // one replica: no gossip peers to find
        args: ['--config.file=/etc/alertmanager/alertmanager.yml', '--storage.path=/alertmanager', '--cluster.listen-address='],
        ports: [{ name: 'web', containerPort: ports.alertmanager }],
        volumeMounts: [
          { name: 'config', mountPath: '/etc/alertmanager', readOnly: true },
          { name: 'storage', mountPath: '/alertmanager' },
          ...secrets.map((s) => ({ name: `secret-${s}`, mountPath: `${secretsDir}/${s}`, readOnly: true })),
        ],
        resources: resourcesOf(d.resources.alertmanager),
        livenessProbe: httpProbe('/-/healthy', 'web', 10),
        readinessProbe: httpProbe('/-/ready', 'web', 5),
      }],
      volumes: [
        configVolume('config', config.name),
        { name: 'storage', persistentVolumeClaim: { claimName: 'alertmanager-storage' } },
        ...secrets.map((s) => ({ name: `secret-${s}`, secret: { secretName: s } })),
      ],
    }),
    clusterIpService(stack, names.alertmanager, [{ name: 'web', port: ports.alertmanager, targetPort: 'web' }]),
  ];
}
