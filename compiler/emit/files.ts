// What emitters produce: file contents by path, relative to out/<stack>/.
import type { Stack } from '../model.ts';

export type Files = ReadonlyMap<string, string>;

/** A pure function from the model to the files of one artifact. */
export type Emitter = (stack: Stack) => Files;

export function files(entries: Iterable<readonly [string, string]>): Files {
  return new Map(entries);
}
