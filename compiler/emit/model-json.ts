// out/<stack>/model.json: the compiled model, for tools and reviews. Source positions are left out, so
// moving a line in the stack file does not make out/ stale.
import type { Stack } from '../model.ts';
import { files, type Files } from './files.ts';
import { generatedNote } from './header.ts';

function withoutSources(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSources);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'source').map(([k, v]) => [k, withoutSources(v)]));
  }
  return value;
}

export function modelJson(stack: Stack): Files {
  // definitions record which DSL objects the stack reached: a fact about the stack file, not about the stack
  const { definitions: _objects, ...meaning } = stack;
  const doc = { $comment: generatedNote(stack.file), ...(withoutSources(meaning) as object) };
  return files([['model.json', `${JSON.stringify(doc, null, 2)}\n`]]);
}
