// Shared by the deploy tests: parse emitted manifests and validate each with the Kubernetes OpenAPI models.
import { parseAllDocuments } from 'yaml';
import { ConfigMap, Namespace, PersistentVolumeClaim, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ClusterRole, ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { PodMonitor, PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import type { Files } from '../../compiler/emit/files.ts';

export type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [k: string]: unknown };

/** apiVersion/kind → the published model; a kind missing here fails the test instead of going unchecked. */
const models: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace, 'v1/ConfigMap': ConfigMap, 'v1/Service': Service, 'v1/ServiceAccount': ServiceAccount,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim, 'apps/v1/Deployment': Deployment,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole, 'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule, 'monitoring.coreos.com/v1/PodMonitor': PodMonitor,
};

export function docsOf(files: Files, prefix: string): { path: string; doc: Doc }[] {
  return [...files].filter(([p]) => p.startsWith(prefix) && p.endsWith('.yaml'))
    .flatMap(([path, text]) => parseAllDocuments(text).map((d) => ({ path, doc: d.toJS() as Doc })));
}

export function validateManifest(doc: Doc): void {
  const Model = models[`${doc.apiVersion}/${doc.kind}`];
  if (!Model) throw new Error(`no schema model for ${doc.apiVersion} ${doc.kind}`);
  new Model(doc as never).validate();
}
