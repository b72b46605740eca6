// Receivers of an Alertmanager configuration as DSL text: each notifier kind stackc has becomes its builder, every
// credential a secretKey() (an inline value is never written: the user puts it into the Secret), each `*_file` too,
// with a comment naming the file. What a builder has no place for is said in a note, never silently dropped.
import type { Yaml } from './alertmanager-config.ts';
import { tsString } from './ts-text.ts';

export interface SecretNeeded {
  readonly key: string;
  /** `receiver team-a slack api_url`, and the file it was read from when it was one. */
  readonly what: string;
}

export interface ReceiverText {
  readonly name: string;
  /** DSL builders the notifiers use. */
  readonly builders: readonly string[];
  /** The lines inside `receiver(name, [ … ])`. */
  readonly lines: readonly string[];
}

interface Context {
  readonly secret: string;
  readonly receiver: string;
  readonly global: Yaml;
  readonly secrets: SecretNeeded[];
  readonly notes: string[];
  readonly comments: string[];
  readonly keys: Set<string>;
}

type Notifier = { readonly builder: string; readonly fields: readonly string[] } | { readonly skip: string };
type Handler = (o: Yaml, c: Context) => Notifier;

const str = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'receiver';

/** A secretKey() for a credential given inline (`field`) or as a file (`field_file`); undefined when neither is. */
function credential(c: Context, field: string, inline: unknown, file: unknown, shared?: string): string | undefined {
  if (str(inline) === undefined && str(file) === undefined) return undefined;
  let key = shared ?? `${slug(c.receiver)}-${field.replace(/_/g, '-')}`;
  if (!shared) for (let n = 2; c.keys.has(key); n++) key = `${slug(c.receiver)}-${field.replace(/_/g, '-')}-${n}`;
  if (!c.keys.has(key)) {
    c.keys.add(key);
    const from = str(file) !== undefined ? `, until now the file ${str(file)}` : '';
    c.secrets.push({ key, what: `${shared ? 'global' : `receiver ${c.receiver}`} ${field}${from}` });
  }
  if (str(file) !== undefined) c.comments.push(`${field}_file pointed at ${str(file)}: copy that file into the Secret key ${key}`);
  return `secretKey(${tsString(c.secret)}, ${tsString(key)})`;
}

/** Fields of a notifier the builder has no place for: a note, so they are not lost unseen. */
function dropped(c: Context, kind: string, o: Yaml, handled: readonly string[]): void {
  const left = Object.keys(o).filter((k) => !handled.includes(k)).sort();
  if (left.length) c.notes.push(`receiver ${c.receiver} ${kind}: ${left.join(', ')} not imported (stackc's builder has no place for ${left.length === 1 ? 'it' : 'them'})`);
}

/** Alertmanager's own send_resolved default differs by kind; the builders default to true. */
function sendResolved(o: Yaml, amDefault: boolean): string[] {
  const value = o.send_resolved === undefined ? amDefault : o.send_resolved === true;
  return value ? [] : ['sendResolved: false'];
}

const handlers = {
  slack_configs: (o, c) => {
    const channel = str(o.channel);
    if (channel === undefined) return { skip: 'no channel (slack() needs one)' };
    const apiUrl = credential(c, 'api_url', o.api_url, o.api_url_file)
      ?? credential(c, 'slack_api_url', c.global.slack_api_url, c.global.slack_api_url_file, 'global-slack-api-url');
    if (!apiUrl) return { skip: 'no api_url, here or in global' };
    dropped(c, 'slack_configs', o, ['channel', 'api_url', 'api_url_file', 'send_resolved']);
    return { builder: 'slack', fields: [`channel: ${tsString(channel)}`, `apiUrl: ${apiUrl}`, ...sendResolved(o, false)] };
  },
  pagerduty_configs: (o, c) => {
    if (str(o.routing_key) === undefined && str(o.routing_key_file) === undefined) {
      return { skip: "no routing_key: a service_key is PagerDuty's Events API v1, and pagerDuty() speaks v2 (create a v2 integration)" };
    }
    const routingKey = credential(c, 'routing_key', o.routing_key, o.routing_key_file)!;
    dropped(c, 'pagerduty_configs', o, ['routing_key', 'routing_key_file', 'send_resolved']);
    return { builder: 'pagerDuty', fields: [`routingKey: ${routingKey}`, ...sendResolved(o, true)] };
  },
  webhook_configs: (o, c) => {
    const url = str(o.url);
    if (url === undefined) return { skip: 'no url (a url_file has no place in webhook())' };
    let userinfo = false;
    try { const u = new URL(url); userinfo = u.username !== '' || u.password !== ''; } catch { /* not a URL: amtool says so */ }
    if (userinfo) return { skip: 'its url holds a credential, and webhook() writes its url as is (move it to http_config.authorization)' };
    const http = (o.http_config ?? {}) as Yaml;
    if (http.basic_auth) return { skip: 'http_config.basic_auth has no place in webhook() (only a bearer token)' };
    const auth = (http.authorization ?? {}) as Yaml;
    if (str(auth.type) !== undefined && String(auth.type).toLowerCase() !== 'bearer') return { skip: `authorization type ${String(auth.type)} (webhook() sends a bearer token only)` };
    const bearer = credential(c, 'bearer_token', auth.credentials ?? http.bearer_token, auth.credentials_file ?? http.bearer_token_file);
    const otherHttp = Object.keys(http).filter((k) => !['authorization', 'bearer_token', 'bearer_token_file'].includes(k));
    if (otherHttp.length) c.notes.push(`receiver ${c.receiver} webhook_configs: http_config ${otherHttp.sort().join(', ')} not imported`);
    dropped(c, 'webhook_configs', o, ['url', 'http_config', 'send_resolved']);
    return { builder: 'webhook', fields: [`url: ${tsString(url)}`, ...(bearer ? [`bearerToken: ${bearer}`] : []), ...sendResolved(o, true)] };
  },
  email_configs: (o, c) => {
    const g = c.global;
    const [to, from, smarthost] = [str(o.to), str(o.from ?? g.smtp_from), str(o.smarthost ?? g.smtp_smarthost)];
    if (!to || !from || !smarthost) return { skip: 'to, from and smarthost are needed (here or as global smtp_*)' };
    const user = str(o.auth_username ?? g.smtp_auth_username);
    const password = str(o.auth_password) !== undefined || str(o.auth_password_file) !== undefined
      ? credential(c, 'auth_password', o.auth_password, o.auth_password_file)
      : credential(c, 'smtp_auth_password', g.smtp_auth_password, g.smtp_auth_password_file, 'global-smtp-auth-password');
    const tls = o.require_tls ?? g.smtp_require_tls ?? true;
    dropped(c, 'email_configs', o, ['to', 'from', 'smarthost', 'auth_username', 'auth_password', 'auth_password_file', 'require_tls', 'send_resolved']);
    return {
      builder: 'email',
      fields: [`to: ${tsString(to)}`, `from: ${tsString(from)}`, `smarthost: ${tsString(smarthost)}`, ...(user ? [`authUsername: ${tsString(user)}`] : []),
        ...(password ? [`authPassword: ${password}`] : []), ...(tls === false ? ['requireTls: false'] : []), ...sendResolved(o, false)],
    };
  },
  opsgenie_configs: (o, c) => {
    const own = str(o.api_key) !== undefined || str(o.api_key_file) !== undefined;
    const apiKey = own ? credential(c, 'api_key', o.api_key, o.api_key_file)
      : credential(c, 'opsgenie_api_key', c.global.opsgenie_api_key, c.global.opsgenie_api_key_file, 'global-opsgenie-api-key');
    if (!apiKey) return { skip: 'no api_key, here or in global' };
    const apiUrl = str(o.api_url ?? c.global.opsgenie_api_url);
    const responders = (Array.isArray(o.responders) ? o.responders as Yaml[] : []).filter((r) => str(r.name) !== undefined && ['team', 'user', 'escalation', 'schedule'].includes(String(r.type)));
    if (responders.length !== (Array.isArray(o.responders) ? o.responders.length : 0)) c.notes.push(`receiver ${c.receiver} opsgenie_configs: responders given by id or username are not imported`);
    const priority = /^P[1-5]$/.test(String(o.priority)) ? String(o.priority) : undefined;
    dropped(c, 'opsgenie_configs', o, ['api_key', 'api_key_file', 'api_url', 'responders', 'send_resolved', ...(priority ? ['priority'] : [])]);
    return {
      builder: 'opsgenie',
      fields: [`apiKey: ${apiKey}`, ...(apiUrl ? [`apiUrl: ${tsString(apiUrl)}`] : []),
        ...(responders.length ? [`responders: [${responders.map((r) => `{ type: ${tsString(String(r.type))}, name: ${tsString(String(r.name))} }`).join(', ')}]`] : []),
        ...(priority ? [`priority: ${tsString(priority)}`] : []), ...sendResolved(o, true)],
    };
  },
  msteamsv2_configs: (o, c) => {
    const webhookUrl = credential(c, 'webhook_url', o.webhook_url, o.webhook_url_file);
    if (!webhookUrl) return { skip: 'no webhook_url' };
    dropped(c, 'msteamsv2_configs', o, ['webhook_url', 'webhook_url_file', 'send_resolved']);
    return { builder: 'msTeams', fields: [`webhookUrl: ${webhookUrl}`, ...sendResolved(o, true)] };
  },
} satisfies Record<string, Handler>;

const supported = (key: string): key is keyof typeof handlers => Object.hasOwn(handlers, key);

/** One receiver's notifiers; credentials go to `secrets`, what is left out to `notes`. */
export function receiverText(r: Yaml, secret: string, global: Yaml, secrets: SecretNeeded[], notes: string[], keys: Set<string>): ReceiverText {
  const name = String(r.name);
  const builders = new Set<string>();
  const lines: string[] = [];
  for (const key of Object.keys(r).filter((k) => k.endsWith('_configs'))) {
    const configs = Array.isArray(r[key]) ? r[key] as Yaml[] : [];
    if (!supported(key)) {
      notes.push(`receiver ${name}: ${key} skipped: stackc has no notifier of that kind`);
      lines.push(`// skipped: ${configs.length} ${key}: stackc has no notifier of that kind`);
      continue;
    }
    configs.forEach((o, i) => {
      const c: Context = { secret, receiver: name, global, secrets, notes, comments: [], keys };
      const n = handlers[key](o, c);
      if ('skip' in n) {
        notes.push(`receiver ${name}: ${key}[${i}] skipped: ${n.skip}`);
        lines.push(`// skipped: ${key}[${i}]: ${n.skip}`);
        return;
      }
      builders.add(n.builder);
      lines.push(...c.comments.map((t) => `// ${t}`), `${n.builder}({ ${n.fields.join(', ')} }),`);
    });
  }
  return { name, builders: [...builders].sort(), lines };
}
