// The credential scan the security tests run over emitted files: a credential-named key with a literal value, or a
// value shaped like a credential, is reported with its file and line.
import type { Files } from '../../compiler/emit/files.ts';

/** A credential-named key given a literal value (`admin-password: "admin123"`, `"api_key": "abc"`). Keys that name a
 *  file or a Secret (`api_url_file`, `secretName`, `grafanaAdminSecret`) and booleans are references or switches. */
const assignment = /^\s*-?\s*"?([\w.-]*(?:password|passwd|token|secret|api[_-]?key|routing[_-]?key|api[_-]?url)[\w.-]*)"?\s*[:=]\s*"?([^\s"{,]+)/i;
const referenceKey = /(^secret|_file|File|Secret|secretName|Ref|_names)$/;
const credentialShaped = /hooks\.slack\.com\/services\/|xox[abp]-|Bearer [A-Za-z0-9]|:\/\/[^/\s:@]+:[^/\s@]+@/;

export function credentialsIn(text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    const m = assignment.exec(line);
    const valued = m && !referenceKey.test(m[1]!) && !/^(true|false)$/.test(m[2]!);
    return valued || credentialShaped.test(line) ? [`${i + 1}: ${line.trim()}`] : [];
  });
}

/** `path:line: text` of every credential value in a stack's emitted files. */
export function credentialsInFiles(files: Files): string[] {
  return [...files].flatMap(([path, text]) => credentialsIn(text).map((l) => `${path}:${l}`));
}
