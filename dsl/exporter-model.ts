// An exporter definition as the model has it: its namespace resolved, its series left to the catalogs' merge.
import type { Exporter } from '../compiler/model-exporters.ts';
import type { AnyExporter } from './exporters.ts';

export function exporterOf(x: AnyExporter, namespaces: { readonly app: string; readonly monitoring: string }): Exporter {
  return {
    kind: 'exporter',
    exporter: x.exporter,
    name: x.name,
    catalog: x.catalog,
    namespace: x.inMonitoringNamespace ? namespaces.monitoring : namespaces.app,
    image: x.image,
    port: x.port,
    metricsPath: '/metrics',
    localPort: x.localPort,
    runsOn: x.runsOn,
    args: [...x.args],
    env: x.env.map((e) => ({ ...e })),
    credentialEnv: x.credentialEnv.map((s) => ({ ...s, ...(s.secret ? { secret: { ...s.secret } } : {}) })),
    hostMounts: x.hostMounts.map((m) => ({ ...m })),
    resources: { requests: { ...x.resources.requests }, limits: { ...x.resources.limits } },
    source: x.source,
  };
}
