// The Go side of the shared vector: a main program with each update written out as the typed call a Go service
// makes (labels positional, declared values as the generated variables), built against the generated package and
// the pinned client_golang, printing what promhttp serves. Go cannot write an undeclared value of a declared label:
// the one value of its type outside the declared ones is the zero value, which the registry drops and counts, so
// that is what stands in for it.
import { rmSync } from 'node:fs';
import { goRegistryPath, goString } from '../../../compiler/emit/go-registry.ts';
import type { Files } from '../../../compiler/emit/files.ts';
import { goExported, goPackageName, goValueNames, goValueType } from '../../../compiler/go-names.ts';
import type { Metric, Stack } from '../../../compiler/model.ts';
import { goModule, modulePath } from '../go-module.ts';
import type { Update } from './updates.ts';

/** client_golang's method for an update, by whether it carries a value. */
const methods: Record<Update['op'], (withValue: boolean) => string> = {
  inc: (v) => (v ? 'Add' : 'Inc'),
  dec: (v) => (v ? 'Sub' : 'Dec'),
  set: () => 'Set',
  observe: () => 'Observe',
};

/** The Go argument of one label: an open value as a string literal, a declared one as its variable. */
function labelArg(m: Metric, label: string, value: string): string {
  const declared = m.labelValues[label];
  if (!declared) return goString(value);
  return declared.includes(value) ? `lib.${goValueNames(m, label, declared).get(value)}` : `lib.${goValueType(m, label)}{}`;
}

/** One update as a statement of the program. */
export function goCall(stack: Stack, u: Update): string {
  const m = stack.metrics.find((x) => x.name === u.metric);
  if (!m) throw new Error(`the vector updates ${u.metric}, which the stack does not have`);
  const args = [...m.labels.map((l) => labelArg(m, l, u.labels[l]!)), ...(u.value === undefined ? [] : [String(u.value)])];
  return `m.${goExported(m.name)}.${methods[u.op](u.value !== undefined)}(${args.join(', ')})`;
}

export function goVectorProgram(stack: Stack, updates: readonly Update[]): string {
  return `package main

import (
	"net/http/httptest"
	"os"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	lib "${modulePath}/${goPackageName(stack.name)}"
)

func main() {
	reg := prometheus.NewRegistry()
	m, err := lib.New(reg)
	if err != nil {
		panic(err)
	}
${updates.map((u) => `\t${goCall(stack, u)}\n`).join('')}
	rec := httptest.NewRecorder()
	promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.PanicOnError}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if _, err := os.Stdout.Write(rec.Body.Bytes()); err != nil {
		panic(err)
	}
}
`;
}

/** The exposition (text format 0.0.4, promhttp's answer to a request without Accept) after the updates. */
export function goExposition(stack: Stack, files: Files, updates: readonly Update[]): string {
  const module = goModule();
  try {
    module.write(`${goPackageName(stack.name)}/metrics.gen.go`, files.get(goRegistryPath)!);
    module.write('cmd/vector/main.go', goVectorProgram(stack, updates));
    const run = module.run('go', ['run', './cmd/vector']);
    if (run.status !== 0) throw new Error(`go run ./cmd/vector failed (exit ${run.status}):\n${run.stderr}`);
    return run.stdout;
  } finally {
    rmSync(module.dir, { recursive: true, force: true });
  }
}
