// Shared by the deploy tests: parse emitted manifests and validate each with the Kubernetes OpenAPI models.
import { parseAllDocuments } from 'yaml';
import type { Files } from '../../compiler/emit/files.ts';

export type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [k: string]: unknown };

type ModelClass = new (data: never) => { validate(): void };

/** apiVersion/kind → the published model; a kind missing here fails the test instead of going unchecked.
 *  Loaded with import(): both packages are ESM-only and `uvu -r tsx` runs tests as CommonJS. */
async function loadModels(): Promise<Record<string, ModelClass>> {
  const core = await import('kubernetes-models/v1');
  const apps = await import('kubernetes-models/apps/v1');
  const rbac = await import('kubernetes-models/rbac.authorization.k8s.io/v1');
  const operator = await import('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1');
  return {
    'v1/Namespace': core.Namespace, 'v1/ConfigMap': core.ConfigMap, 'v1/Service': core.Service, 'v1/ServiceAccount': core.ServiceAccount,
    'v1/PersistentVolumeClaim': core.PersistentVolumeClaim, 'apps/v1/Deployment': apps.Deployment,
    'rbac.authorization.k8s.io/v1/ClusterRole': rbac.ClusterRole, 'rbac.authorization.k8s.io/v1/ClusterRoleBinding': rbac.ClusterRoleBinding,
    'monitoring.coreos.com/v1/PrometheusRule': operator.PrometheusRule, 'monitoring.coreos.com/v1/PodMonitor': operator.PodMonitor,
  } as Record<string, ModelClass>;
}
let models: Promise<Record<string, ModelClass>> | undefined;

export function docsOf(files: Files, prefix: string): { path: string; doc: Doc }[] {
  return [...files].filter(([p]) => p.startsWith(prefix) && p.endsWith('.yaml'))
    .flatMap(([path, text]) => parseAllDocuments(text).map((d) => ({ path, doc: d.toJS() as Doc })));
}

export async function validateManifest(doc: Doc): Promise<void> {
  models ??= loadModels();
  const Model = (await models)[`${doc.apiVersion}/${doc.kind}`];
  if (!Model) throw new Error(`no schema model for ${doc.apiVersion} ${doc.kind}`);
  new Model(doc as never).validate();
}
