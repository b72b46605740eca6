// Grafana: ConfigMaps embedding whatever the Grafana emitter produced (datasources, dashboard providers,
// dashboards), a PVC, a Deployment whose admin login comes from a Secret the user creates, and a ClusterIP Service.
import type { Stack } from '../../model.ts';
import { names, ports } from './names.ts';
import {
  clusterIpService, configMap, configVolume, deployment, embed, httpProbe, pvc, resourcesOf, type EmbeddedConfig, type Manifest,
} from './workload.ts';

/** Generated folder → ConfigMap → where Grafana reads it (the provider's path is /var/lib/grafana/dashboards). */
export const grafanaMounts = [
  { folder: 'grafana/provisioning/datasources/', configMap: 'grafana-datasources', mountPath: '/etc/grafana/provisioning/datasources' },
  { folder: 'grafana/provisioning/dashboards/', configMap: 'grafana-dashboard-providers', mountPath: '/etc/grafana/provisioning/dashboards' },
  { folder: 'grafana/dashboards/', configMap: 'grafana-dashboards', mountPath: '/var/lib/grafana/dashboards' },
] as const;

/** Only folders the stack has files in: an empty ConfigMap would mount an empty provisioning folder. */
export function grafanaConfigs(earlier: ReadonlyMap<string, string>): (EmbeddedConfig & { mountPath: string })[] {
  return grafanaMounts.map((m) => ({ name: m.configMap, data: embed(earlier, m.folder), mountPath: m.mountPath }))
    .filter((c) => Object.keys(c.data).length > 0);
}

function credentialEnv(name: string, secret: string, key: string): Manifest {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

export function grafanaManifests(stack: Stack, earlier: ReadonlyMap<string, string>): Manifest[] {
  const configs = grafanaConfigs(earlier);
  const d = stack.deploy;
  return [
    ...configs.map((c) => configMap(stack, names.grafana, { name: c.name, data: c.data })),
    pvc(stack, 'grafana-storage', names.grafana, d.storage.grafana),
    deployment(stack, {
      name: names.grafana, user: 472, group: 472, recreate: true, configs: configs.map(({ name, data }) => ({ name, data })),
      containers: [{
        name: names.grafana,
        image: d.images.grafana,
        env: [
          credentialEnv('GF_SECURITY_ADMIN_USER', d.grafanaAdminSecret, 'admin-user'),
          credentialEnv('GF_SECURITY_ADMIN_PASSWORD', d.grafanaAdminSecret, 'admin-password'),
          { name: 'GF_USERS_ALLOW_SIGN_UP', value: 'false' },
          // the root filesystem is read-only: log to stdout only
          { name: 'GF_LOG_MODE', value: 'console' },
        ],
        ports: [{ name: 'http', containerPort: ports.grafana }],
        volumeMounts: [
          { name: 'storage', mountPath: '/var/lib/grafana' },
          { name: 'tmp', mountPath: '/tmp' },
          ...configs.map((c) => ({ name: c.name, mountPath: c.mountPath, readOnly: true })),
        ],
        resources: resourcesOf(d.resources.grafana),
        livenessProbe: httpProbe('/api/health', 'http', 30),
        readinessProbe: httpProbe('/api/health', 'http', 5),
      }],
      volumes: [
        { name: 'storage', persistentVolumeClaim: { claimName: 'grafana-storage' } },
        { name: 'tmp', emptyDir: {} },
        ...configs.map((c) => configVolume(c.name, c.name)),
      ],
    }),
    clusterIpService(stack, names.grafana, [{ name: 'http', port: ports.grafana, targetPort: 'http' }]),
  ];
}
