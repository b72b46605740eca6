// The few HTTP API calls the live judge makes to Prometheus (/api/v1) and Alertmanager (/api/v2).

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Envelope<T> {
  readonly status: 'success' | 'error';
  readonly data: T;
  readonly error?: string;
}

async function prometheus<T>(base: string, path: string): Promise<T> {
  const body = await getJson<Envelope<T>>(`${base}${path}`);
  if (body.status !== 'success') throw new Error(`${path}: ${body.error}`);
  return body.data;
}

export interface Target {
  readonly labels: Readonly<Record<string, string>>;
  readonly scrapeUrl: string;
  readonly health: 'up' | 'down' | 'unknown';
  readonly lastError: string;
}
export const targets = (base: string) =>
  prometheus<{ activeTargets: Target[] }>(base, '/api/v1/targets?state=active').then((d) => d.activeTargets);

export const alertmanagersOf = (base: string) =>
  prometheus<{ activeAlertmanagers: { url: string }[] }>(base, '/api/v1/alertmanagers').then((d) => d.activeAlertmanagers);

export interface ActiveAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly state: 'pending' | 'firing';
  readonly value: string;
  /** When the alert went pending (RFC 3339). */
  readonly activeAt?: string;
}
export const alerts = (base: string) => prometheus<{ alerts: ActiveAlert[] }>(base, '/api/v1/alerts').then((d) => d.alerts);

export interface RuleState {
  readonly name: string;
  readonly type: 'alerting' | 'recording';
  readonly health: 'ok' | 'err' | 'unknown';
  readonly lastError?: string;
}
export const ruleGroups = (base: string) =>
  prometheus<{ groups: { name: string; rules: RuleState[] }[] }>(base, '/api/v1/rules').then((d) => d.groups);

export type QueryResult =
  | { readonly resultType: 'vector'; readonly result: { metric: Record<string, string>; value: [number, string] }[] }
  | { readonly resultType: 'scalar'; readonly result: [number, string] }
  | { readonly resultType: 'matrix' | 'string'; readonly result: unknown };

export const query = (base: string, expr: string) => prometheus<QueryResult>(base, `/api/v1/query?query=${encodeURIComponent(expr)}`);

/** The sample values of an instant query (empty when it returned no series). */
export async function values(base: string, expr: string): Promise<number[]> {
  const r = await query(base, expr);
  if (r.resultType === 'vector') return r.result.map((s) => Number(s.value[1]));
  if (r.resultType === 'scalar') return [Number(r.result[1])];
  throw new Error(`${expr}: unexpected result type ${r.resultType}`);
}

export interface AlertmanagerAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly receivers: readonly { name: string }[];
  readonly status: { readonly state: 'active' | 'suppressed' | 'unprocessed'; readonly inhibitedBy: readonly string[]; readonly silencedBy: readonly string[] };
}
/** Alerts Alertmanager holds and has not seen resolved, including inhibited ones. */
export const alertmanagerAlerts = (base: string) => getJson<AlertmanagerAlert[]>(`${base}/api/v2/alerts`);

