// Grafana: ConfigMaps embedding whatever the Grafana emitter produced (datasources, dashboard providers,
// dashboards), a PVC, a Deployment whose admin login comes from a Secret the user creates, and a ClusterIP Service.
import type { Stack } from '../../model.ts';
import { componentName, nameIn, ports } from './names.ts';
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
export function grafanaConfigs(stack: Stack, earlier: ReadonlyMap<string, string>): (EmbeddedConfig & { mountPath: string })[] {
  return grafanaMounts.map((m) => ({ name: nameIn(stack, m.configMap), data: embed(earlier, m.folder), mountPath: m.mountPath }))
    .filter((c) => Object.keys(c.data).length > 0);
}

function credentialEnv(name: string, secret: string, key: string): Manifest {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

export function grafanaManifests(stack: Stack, earlier: ReadonlyMap<string, string>): Manifest[] {
  const configs = grafanaConfigs(stack, earlier);
  const d = stack.deploy;
  const name = componentName(stack, 'grafana');
  const storage = nameIn(stack, 'grafana-storage');
  return [
    ...configs.map((c) => configMap(stack, name, { name: c.name, data: c.data })),
    pvc(stack, storage, name, d.storage.grafana),
    deployment(stack, {
      name, user: 472, group: 472, recreate: true, configs: configs.map(({ name, data }) => ({ name, data })),
      containers: [{
        name: 'grafana',
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
        { name: 'storage', persistentVolumeClaim: { claimName: storage } },
        { name: 'tmp', emptyDir: {} },
        ...configs.map((c) => configVolume(c.name, c.name)),
      ],
    }),
    clusterIpService(stack, name, [{ name: 'http', port: ports.grafana, targetPort: 'http' }]),
  ];
}
