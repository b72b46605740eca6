// A local stand-in for every receiver: Alertmanager posts each notification here, to `/alerts` (the local
// profile of alertmanager.yml sends every receiver there) or to `/alerts/<receiver>` (the live judge gives each
// receiver its own path). It keeps what arrived, for tests and for the console.
import { createServer } from 'node:http';

/** The part of Alertmanager's webhook payload (version 4) the local stack reads. */
export interface Notification {
  readonly receiver: string;
  readonly status: 'firing' | 'resolved';
  readonly alerts: readonly {
    readonly status: 'firing' | 'resolved';
    readonly labels: Readonly<Record<string, string>>;
    readonly annotations: Readonly<Record<string, string>>;
  }[];
}

/** One notification and where it arrived: `/alerts` or `/alerts/<receiver>` (one path per receiver). */
export interface Delivery {
  readonly path: string;
  /** The receiver the path names, or undefined for the shared `/alerts`. */
  readonly pathReceiver: string | undefined;
  readonly notification: Notification;
  /** Date.now() on arrival. */
  readonly at: number;
}

export interface Webhook {
  /** The shared path; `urlFor(receiver)` gives each receiver its own. */
  readonly url: string;
  urlFor(receiver: string): string;
  readonly received: readonly Notification[];
  readonly deliveries: readonly Delivery[];
  close(): Promise<void>;
}

export const webhookPath = '/alerts';

export function startWebhook(port: number, onNotification?: (n: Notification) => void): Promise<Webhook> {
  const received: Notification[] = [];
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const path = req.url ?? '';
      const own = path.startsWith(`${webhookPath}/`) ? decodeURIComponent(path.slice(webhookPath.length + 1)) : undefined;
      if (req.method !== 'POST' || (path !== webhookPath && !own)) {
        res.writeHead(404).end();
        return;
      }
      try {
        const n = JSON.parse(body) as Notification;
        received.push(n);
        deliveries.push({ path, pathReceiver: own, notification: n, at: Date.now() });
        onNotification?.(n);
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end('not JSON\n');
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${port}${webhookPath}`,
      urlFor: (receiver) => `http://127.0.0.1:${port}${webhookPath}/${encodeURIComponent(receiver)}`,
      received,
      deliveries,
      close: () => new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
    }));
  });
}
