// Fields of alertmanager.yml newer than the amtool at hand: an older Alertmanager (Debian's 0.25, where no Go build was
// possible) refuses the whole file for one of them, so its judges skip that file and say why instead of failing it.
import { toolVersion } from './tools.ts';

/** Config fields stackc may write, with the Alertmanager release that first reads them. */
const introducedIn: readonly { readonly field: string; readonly version: readonly [number, number] }[] = [
  { field: 'msteamsv2_configs', version: [0, 28] },
];

/** Why the amtool at `path` cannot judge `text`, or undefined when it can. */
export async function tooOld(path: string, text: string): Promise<string | undefined> {
  const version = await toolVersion(path);
  const m = /(\d+)\.(\d+)\.\d+/.exec(version);
  if (!m) return undefined;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  const newer = introducedIn.filter((f) => text.includes(`${f.field}:`) && (major < f.version[0] || (major === f.version[0] && minor < f.version[1])));
  return newer.length ? `${version} predates ${newer.map((f) => `${f.field} (Alertmanager ${f.version.join('.')})`).join(', ')}` : undefined;
}
