// No plaintext secret in any emitted file: every password, token, key or credential-bearing URL must be a reference
// (to a Secret, or to a file mounted from one), never a value. test/deploy/security.test.ts tests it on a fixture.
import type { JudgeFailure } from './judge.ts';
import { verdict, type JudgeInput, type Verdict } from './input.ts';
import { lineOwner } from './locate.ts';

/** A credential-named key given a literal value (`admin-password: "admin123"`, `"api_key": "abc"`). Keys that name a
 *  file or a Secret (`api_url_file`, `secretName`, `grafanaAdminSecret`) and booleans are references or switches. */
const assignment = /^\s*-?\s*"?([\w.-]*(?:password|passwd|token|secret|api[_-]?key|routing[_-]?key|api[_-]?url|webhook[_-]?url)[\w.-]*)"?\s*[:=]\s*"?([^\s"{,]+)/i;
const referenceKey = /(^secret|_file|File|Secret|secretName|Ref|_names)$/;
/** Values that are credentials whatever their key: Slack webhooks and tokens, bearer tokens, passwords in URLs. */
const credentialShaped = /hooks\.slack\.com\/services\/|xox[abp]-|Bearer [A-Za-z0-9]|:\/\/[^/\s:@]+:[^/\s@]+@/;

/** The credentials in `text`: 1-based line and what was found there (the key, never the value: logs are not safe). */
export function credentialsIn(text: string): { line: number; what: string }[] {
  return text.split('\n').flatMap((line, i) => {
    const m = assignment.exec(line);
    if (m && !referenceKey.test(m[1]!) && !/^(true|false)$/.test(m[2]!)) return [{ line: i + 1, what: `a value for ${m[1]}` }];
    return credentialShaped.test(line) ? [{ line: i + 1, what: 'a credential-shaped value (token, Slack webhook or password in a URL)' }] : [];
  });
}

export async function scanCredentials({ stack, files }: JudgeInput): Promise<Verdict> {
  const failures: JudgeFailure[] = [];
  for (const [path, text] of files) {
    for (const { line, what } of credentialsIn(text)) {
      failures.push({ message: `${path}:${line}: ${what} is written in plain text; reference a Secret key instead (secretKey(...))`, ...lineOwner(stack, path, text, line) });
    }
  }
  return verdict(failures, `${files.size} files, ${failures.length ? `${failures.length} credential values` : 'no credential values'}`);
}
