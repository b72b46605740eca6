// The one YAML writer, with pinned options so the same data always gives the same bytes.
import { stringify } from 'yaml';

/** YAML 1.1 quoting (Prometheus, Alertmanager and Kubernetes read YAML 1.1: `yes`, `on`, `0755` must be quoted),
 *  no line folding (long PromQL stays on one line), keys in the order the emitter built them. */
export function toYaml(value: unknown): string {
  return stringify(value, { version: '1.1', lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true, sortMapEntries: false });
}

/** Several YAML documents in one file, as `kubectl apply -f` reads them. */
export function toYamlDocuments(values: readonly unknown[]): string {
  return values.map((v) => toYaml(v)).join('---\n');
}
