// The stack name init writes: a name the validator accepts (it names out/<name>/, a folder and a Kubernetes
// namespace), short enough for the dashboard uid `<name>-overview` to fit Grafana's 40 characters.
import { basename, resolve } from 'node:path';

/** The rule of compiler/validate/naming.ts: lower-case letters, digits and dashes, no dash at either end. */
const validStackName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const maxStackNameLength = 30;
const fallbackName = 'monitoring';

/** Why `name` cannot be a stack name, or undefined when it can. */
export function stackNameProblem(name: string): string | undefined {
  if (!validStackName.test(name)) return `"${name}" is not a stack name: use lower-case letters, digits and dashes, starting and ending with a letter or digit`;
  if (name.length > maxStackNameLength) return `"${name}" is longer than ${maxStackNameLength} characters (the dashboard uid "${name}-overview" must fit Grafana's 40)`;
  return undefined;
}

/** The stack name for a folder: its basename, lower-cased, every run of other characters a dash. "My_Shop" → "my-shop". */
export function stackNameFor(dir: string): string {
  const name = basename(resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxStackNameLength)
    .replace(/^-+|-+$/g, '');
  return name === '' ? fallbackName : name;
}
