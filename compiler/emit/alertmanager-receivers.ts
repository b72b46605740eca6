// Receivers as Alertmanager reads them: one `<kind>_configs` list per notifier kind, every credential a `*_file`
// path into the Secret mounted for it. The Secrets each notifier reads are listed by the same table's kind.
import type { Notifier, NotifierKind, Receiver, SecretKeyRef } from '../model-deploy.ts';
import { secretFilePath } from './kubernetes/names.ts';

type Json = Record<string, unknown>;

const notifierYaml: { readonly [K in NotifierKind]: (n: Extract<Notifier, { kind: K }>) => readonly [string, Json] } = {
  slack: (n) => ['slack_configs', { send_resolved: n.sendResolved, api_url_file: secretFilePath(n.apiUrl), channel: n.channel }],
  pagerduty: (n) => ['pagerduty_configs', { send_resolved: n.sendResolved, routing_key_file: secretFilePath(n.routingKey) }],
  webhook: (n) => ['webhook_configs', {
    send_resolved: n.sendResolved,
    url: n.url,
    ...(n.bearerToken ? { http_config: { authorization: { type: 'Bearer', credentials_file: secretFilePath(n.bearerToken) } } } : {}),
  }],
  email: (n) => ['email_configs', {
    send_resolved: n.sendResolved, to: n.to, from: n.from, smarthost: n.smarthost,
    ...(n.authUsername ? { auth_username: n.authUsername } : {}),
    ...(n.authPassword ? { auth_password_file: secretFilePath(n.authPassword) } : {}),
    require_tls: n.requireTls,
  }],
  opsgenie: (n) => ['opsgenie_configs', {
    send_resolved: n.sendResolved, api_key_file: secretFilePath(n.apiKey), ...(n.apiUrl ? { api_url: n.apiUrl } : {}),
    ...(n.responders.length ? { responders: n.responders.map((r) => ({ type: r.type, name: r.name })) } : {}),
    ...(n.priority ? { priority: n.priority } : {}),
  }],
  // Teams' Workflows webhooks; msteams_configs is for the retired Office 365 connectors
  msteams: (n) => ['msteamsv2_configs', { send_resolved: n.sendResolved, webhook_url_file: secretFilePath(n.webhookUrl) }],
};

/** Each kind's credentials: the Secret keys it reads (by field name, for messages). */
export const notifierSecrets: { readonly [K in NotifierKind]: (n: Extract<Notifier, { kind: K }>) => Readonly<Record<string, SecretKeyRef>> } = {
  slack: (n) => ({ apiUrl: n.apiUrl }),
  pagerduty: (n) => ({ routingKey: n.routingKey }),
  webhook: (n): Record<string, SecretKeyRef> => (n.bearerToken ? { bearerToken: n.bearerToken } : {}),
  email: (n): Record<string, SecretKeyRef> => (n.authPassword ? { authPassword: n.authPassword } : {}),
  opsgenie: (n) => ({ apiKey: n.apiKey }),
  msteams: (n) => ({ webhookUrl: n.webhookUrl }),
};

export function secretsOf(n: Notifier): Readonly<Record<string, SecretKeyRef>> {
  return (notifierSecrets[n.kind] as (n: Notifier) => Readonly<Record<string, SecretKeyRef>>)(n);
}

export function receiverYaml(r: Receiver): Json {
  const byKey = new Map<string, Json[]>();
  for (const n of r.notifiers) {
    const [key, config] = (notifierYaml[n.kind] as (n: Notifier) => readonly [string, Json])(n);
    byKey.set(key, [...(byKey.get(key) ?? []), config]);
  }
  return { name: r.name, ...Object.fromEntries([...byKey].sort(([a], [b]) => a.localeCompare(b))) };
}
