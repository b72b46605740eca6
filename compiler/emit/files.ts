// What emitters produce: file contents by path, relative to out/<stack>/.
import type { Stack } from '../model.ts';

export type Files = ReadonlyMap<string, string>;

/**
 * A pure function from the model to the files of one artifact. `earlier` holds, byte for byte (headers included),
 * what the emitters listed before it produced, so an emitter that embeds generated files (a ConfigMap holding
 * the rule files) embeds exactly those bytes instead of re-deriving them.
 */
export type Emitter = (stack: Stack, earlier: Files) => Files;

export function files(entries: Iterable<readonly [string, string]>): Files {
  return new Map(entries);
}
