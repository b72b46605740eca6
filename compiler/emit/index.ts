// Every artifact a stack compiles to. A new emitter is one entry here and one file beside this one.
// Order matters: an emitter sees the files of the emitters above it (see Emitter).
import { InternalError } from '../issues.ts';
import type { Stack } from '../model.ts';
import type { Emitter, Files } from './files.ts';
import { grafanaFiles } from './grafana.ts';
import { exporterRegistry } from './exporter.ts';
import { goRegistry } from './go-registry.ts';
import { pythonRegistry } from './python-registry.ts';
import { withHeader } from './header.ts';
import { modelJson } from './model-json.ts';
import { ruleFiles } from './rules.ts';
import { ruleTestFiles } from './rule-tests.ts';
import { alertmanagerFiles } from './alertmanager.ts';
import { blackboxFiles } from './blackbox.ts';
import { kubernetesFiles } from './kubernetes/index.ts';
import { prometheusConfigFiles } from './prometheus-config.ts';

export const emitters: Readonly<Record<string, Emitter>> = {
  model: modelJson,
  rules: ruleFiles,
  ruleTests: ruleTestFiles,
  exporter: exporterRegistry,
  goRegistry,
  pythonRegistry,
  grafana: grafanaFiles,
  prometheusConfig: prometheusConfigFiles,
  alertmanager: alertmanagerFiles,
  blackbox: blackboxFiles,
  // last: embeds the files of every emitter above
  kubernetes: kubernetesFiles,
};

/** All files of a stack, headers added, sorted by path. Two emitters writing one path is a bug. */
export function emitStack(stack: Stack): Files {
  const out = new Map<string, string>();
  const owner = new Map<string, string>();
  for (const [name, emit] of Object.entries(emitters)) {
    for (const [path, content] of emit(stack, out)) {
      if (out.has(path)) throw new InternalError(`emitters ${owner.get(path)} and ${name} both write ${path}`);
      out.set(path, withHeader(path, content, stack.file));
      owner.set(path, name);
    }
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
