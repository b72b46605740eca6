// Every Kubernetes manifest against the published OpenAPI schemas: kubernetes-models for the core API groups,
// @kubernetes-models/prometheus-operator for the Prometheus Operator's resources.
import { parseAllDocuments } from 'yaml';
import type { JudgeFailure } from './judge.ts';
import { skipped, verdict, type JudgeInput, type Verdict } from './input.ts';

type ModelClass = new (data: never) => { validate(): void };

/** The package module holding the models of an apiVersion; one that does not exist means no published schema. */
export function schemaModule(apiVersion: string): string {
  return apiVersion.startsWith('monitoring.coreos.com/') ? `@kubernetes-models/prometheus-operator/${apiVersion}` : `kubernetes-models/${apiVersion}`;
}

const modules = new Map<string, Promise<Record<string, unknown> | undefined>>();

async function modelOf(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  if (!/^([a-z0-9.-]+\/)?v\d+\w*$/.test(apiVersion)) return undefined;
  const spec = schemaModule(apiVersion);
  if (!modules.has(spec)) modules.set(spec, import(spec).then((m: Record<string, unknown>) => m, () => undefined));
  const model = (await modules.get(spec)!)?.[kind];
  return typeof model === 'function' ? (model as ModelClass) : undefined;
}

interface Manifest { readonly apiVersion?: string; readonly kind?: string; readonly metadata?: { readonly name?: string } }

export async function checkManifests({ stack, files }: JudgeInput): Promise<Verdict> {
  const manifests = [...files].filter(([p]) => p.startsWith('kubernetes/') && /\.ya?ml$/.test(p));
  if (manifests.length === 0) return skipped('the stack emitted no Kubernetes manifests');
  const failures: JudgeFailure[] = [];
  let count = 0;
  for (const [path, text] of manifests) {
    for (const document of parseAllDocuments(text)) {
      const doc = document.toJS() as Manifest | null;
      if (doc === null) continue;
      count++;
      const line = document.contents ? text.slice(0, document.contents.range[0]).split('\n').length : 1;
      const name = `${doc.kind}/${doc.metadata?.name}`;
      const at = { where: stack.deploy.source, path: [stack.name, 'deploy', name] };
      const Model = await modelOf(doc.apiVersion ?? '', doc.kind ?? '');
      if (!Model) {
        failures.push({ message: `${path}:${line}: no published schema for ${doc.apiVersion} ${doc.kind} (${name})`, ...at });
        continue;
      }
      try {
        new Model(doc as never).validate();
      } catch (e) {
        failures.push({ message: `${path}:${line}: ${name}: ${(e as Error).message}`, ...at });
      }
    }
  }
  return verdict(failures, `${count} manifests in ${manifests.length} files`);
}
