// Shared by the component tests: compile a stack of test/fixtures/components-stack.ts, read its manifests, and run
// the judges verify runs (promtool check config, amtool, the Kubernetes schemas, the credential scan) on it.
import * as assert from 'uvu/assert';
import type { CompiledStack } from '../../compiler/compile.ts';
import { checkAlertmanagerConfig } from '../../compiler/verify/amtool-check-config.ts';
import { scanCredentials } from '../../compiler/verify/credentials.ts';
import { checkManifests } from '../../compiler/verify/kubernetes-schemas.ts';
import { checkConfig } from '../../compiler/verify/promtool-check-config.ts';
import type { DeployOptions } from '../../dsl/index.ts';
import type { StackDefinition } from '../../dsl/stack.ts';
import { componentsStack, type ComponentsStackOptions } from '../fixtures/components-stack.ts';
import { docsOf, type Doc } from '../deploy/manifests.ts';
import { compileValid } from '../helpers/stack.ts';
import { describe, judgeFixture } from '../verify/helpers.ts';

export function compiled(def: StackDefinition): CompiledStack {
  const { model, files } = compileValid(def);
  return { stack: model, files };
}

export function compile(options: DeployOptions, o?: ComponentsStackOptions): CompiledStack {
  return compiled(componentsStack(options, o));
}

/** Every Kubernetes object the stack emits, operator/ included, with the file it is in. */
export function manifestsOf(c: CompiledStack): { path: string; doc: Doc }[] {
  return docsOf(c.files, 'kubernetes/').filter((d) => d.doc !== null);
}

export const kinds = (c: CompiledStack, kind: string): Doc[] => manifestsOf(c).filter((d) => d.doc.kind === kind).map((d) => d.doc);

/** The judges of verify that read what components change; each must pass. */
export async function assertJudgesPass(c: CompiledStack): Promise<void> {
  for (const judge of [checkConfig, checkAlertmanagerConfig, checkManifests, scanCredentials]) {
    const v = await judgeFixture(judge, () => {}, c);
    assert.is(v.status, 'passed', `${judge.name}: ${describe(v)}`);
  }
}
