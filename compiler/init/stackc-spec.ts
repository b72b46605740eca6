// What the scaffold's package.json asks npm for as stackc: `^<this version>`, or what `--from` names. npm reads a
// relative local path against the package.json's folder, not the folder init ran in, so that one is rewritten.
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** npm-package-arg's tests for a local path: a path-like start, or a tarball's extension. */
const pathLike = /^(?:\.|~\/|[/\\]|[a-zA-Z]:)/;
const tarball = /\.(?:tgz|tar\.gz|tar)$/i;

export function isLocalPath(spec: string): boolean {
  return !spec.startsWith('file:') && !/^[a-z+]+:\/\//i.test(spec) && (pathLike.test(spec) || tarball.test(spec));
}

/**
 * The dependency spec of stackc in the package.json written to `targetDir`.
 * @param from `--from` as given: a tarball, a folder, a git URL or any npm spec; undefined for `^version`
 * @param cwd the folder `from` is relative to (where init was run)
 */
export function stackcSpec(version: string, from: string | undefined, targetDir: string, cwd: string): string {
  if (from === undefined) return `^${version}`;
  if (!isLocalPath(from) || isAbsolute(from) || from.startsWith('~')) return from;
  const path = relative(resolve(cwd, targetDir), resolve(cwd, from)).split(sep).join('/');
  return `file:${path === '' ? '.' : path}`;
}
