// Loopback ports for the local stack: the usual one when it is free, any free one otherwise.
import { createServer } from 'node:net';

/** Resolves true when `port` can be bound on 127.0.0.1 now. */
function canBind(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as { port: number }).port;
      server.close(() => resolve(bound));
    });
  });
}

/** A port free on 127.0.0.1 right now (the OS picks it; another process could take it before we use it). */
export async function freePort(): Promise<number> {
  const port = await canBind(0);
  if (port === undefined) throw new Error('could not bind any port on 127.0.0.1');
  return port;
}

/** `preferred` when it is free, so the usual URLs work; otherwise a free port. */
export async function portOrFree(preferred: number): Promise<number> {
  return (await canBind(preferred)) ?? freePort();
}
