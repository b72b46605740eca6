// Problems a DSL helper finds in an input of its own (an OpenSLO file), each located in that input: thrown together
// while the stack loads, and reported by compile like any other problem, every one at once.
import type { SourceRef } from '../compiler/model.ts';

export interface LocatedProblem {
  readonly where: SourceRef;
  readonly message: string;
  readonly hint: string;
}

export class LocatedProblems extends Error {
  constructor(readonly problems: readonly LocatedProblem[]) {
    super(problems.map((p) => `${p.where.file}:${p.where.line}: ${p.message}`).join('\n'));
    this.name = 'LocatedProblems';
  }
}
