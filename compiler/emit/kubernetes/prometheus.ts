// Prometheus and Alertmanager: each a ConfigMap embedding the generated files, a PVC, a Deployment and a Service.
import type { Stack } from '../../model.ts';
import { alertmanagerFile } from '../alertmanager.ts';
import { secretsOf } from '../alertmanager-receivers.ts';
import { prometheusFile } from '../prometheus-config.ts';
import { componentName, nameIn, ports, secretsDir } from './names.ts';
import {
  clusterIpService, configMap, configVolume, deployment, embed, httpProbe, pvc, resourcesOf, type EmbeddedConfig, type Manifest,
} from './workload.ts';

/** prometheus.yml and the rule files beside it (rule_files are relative to it); the local profile stays out. */
export function prometheusConfig(stack: Stack, earlier: ReadonlyMap<string, string>): EmbeddedConfig {
  const local = prometheusFile.replace('.yml', '.local.yml');
  const data = embed(new Map([...earlier].filter(([p]) => p !== local)), 'prometheus/');
  return { name: nameIn(stack, 'prometheus-config'), data };
}

export function prometheusManifests(stack: Stack, earlier: ReadonlyMap<string, string>): Manifest[] {
  const config = prometheusConfig(stack, earlier);
  const d = stack.deploy;
  const name = componentName(stack, 'prometheus');
  const storage = nameIn(stack, 'prometheus-storage');
  return [
    configMap(stack, name, config),
    pvc(stack, storage, name, d.storage.prometheus),
    deployment(stack, {
      name, user: 65534, group: 65534, serviceAccountName: name, recreate: true, configs: [config],
      containers: [{
        name: 'prometheus',
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
      volumes: [configVolume('config', config.name), { name: 'storage', persistentVolumeClaim: { claimName: storage } }],
    }),
    clusterIpService(stack, name, [{ name: 'web', port: ports.prometheus, targetPort: 'web' }]),
  ];
}

/** The Secrets the receivers read credentials from, each mounted as one folder under secretsDir. */
export function receiverSecrets(stack: Stack): string[] {
  const refs = stack.alerting.receivers.flatMap((r) => r.notifiers.flatMap((n) => Object.values(secretsOf(n))));
  return [...new Set(refs.map((r) => r.secret))].sort();
}

export function alertmanagerConfig(stack: Stack, earlier: ReadonlyMap<string, string>): EmbeddedConfig {
  const data = embed(new Map([...earlier].filter(([p]) => p === alertmanagerFile)), 'alertmanager/');
  return { name: nameIn(stack, 'alertmanager-config'), data };
}

export function alertmanagerManifests(stack: Stack, earlier: ReadonlyMap<string, string>): Manifest[] {
  const config = alertmanagerConfig(stack, earlier);
  const d = stack.deploy;
  const secrets = receiverSecrets(stack);
  const name = componentName(stack, 'alertmanager');
  const storage = nameIn(stack, 'alertmanager-storage');
  return [
    configMap(stack, name, config),
    pvc(stack, storage, name, d.storage.alertmanager),
    deployment(stack, {
      name, user: 65534, group: 65534, recreate: true, configs: [config],
      containers: [{
        name: 'alertmanager',
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
        { name: 'storage', persistentVolumeClaim: { claimName: storage } },
        ...secrets.map((s) => ({ name: `secret-${s}`, secret: { secretName: s } })),
      ],
    }),
    clusterIpService(stack, name, [{ name: 'web', port: ports.alertmanager, targetPort: 'web' }]),
  ];
}
