// A local stand-in for every receiver: Alertmanager posts each notification here (the local profile of
// alertmanager.yml sends every receiver to one webhook). It keeps what arrived, for tests and for the console.
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

export interface Webhook {
  readonly url: string;
  readonly received: readonly Notification[];
  close(): Promise<void>;
}

export const webhookPath = '/alerts';

export function startWebhook(port: number, onNotification?: (n: Notification) => void): Promise<Webhook> {
  const received: Notification[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== webhookPath) {
        res.writeHead(404).end();
        return;
      }
      try {
        const n = JSON.parse(body) as Notification;
        received.push(n);
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
      received,
      close: () => new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
    }));
  });
}
