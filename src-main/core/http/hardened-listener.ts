// The kiosk's open HTTP ports (health and metrics, delivery-report webhook) start and stop the same
// way (reliability.md §5): header and request timeouts checked every second, so a slow sender
// (slowloris) is cut off within a second of its limit rather than Node's default 30 s check; small
// header limits; idle keep-alive sockets closed soon; a start that fails when the port is taken; a
// stop that never waits on a stuck client longer than its grace.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListenerLimits {
  /** Time a client has to send all its headers. */
  headersTimeoutMs: number;
  /** Time a client has to send the whole request, body included. */
  requestTimeoutMs: number;
  keepAliveTimeoutMs?: number;
}

export interface Listener {
  server: Server;
  /** The bound port (the one picked when asked for 0). */
  port: number;
  /** Stops accepting; idle sockets close now, busy ones get `graceMs` to finish their answer. */
  close(graceMs: number): Promise<void>;
}

export async function startListener(host: string, port: number, limits: ListenerLimits, handler: RequestListener): Promise<Listener> {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs ?? 5_000,
      connectionsCheckingInterval: 1_000,
      maxHeaderSize: 8 * 1024,
    },
    handler,
  );
  server.maxHeadersCount = 64;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: (graceMs) =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        if (graceMs <= 0) server.closeAllConnections();
        else setTimeout(() => server.closeAllConnections(), graceMs).unref();
      }),
  };
}
