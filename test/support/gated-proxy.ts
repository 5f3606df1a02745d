// An HTTP proxy in front of a fake platform that holds matching requests until the test opens its gate: a
// send can be kept in flight for as long as a test needs (graceful shutdown, leases), without timing guesses.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatedProxy {
  readonly url: string;
  /** Matching requests that have arrived (held or passed). */
  readonly arrived: number;
  /** Lets every held and later matching request through. */
  open(): void;
  close(): Promise<void>;
}

/** Proxies everything to `target`; requests whose path matches `hold` wait for open(). */
export async function startGatedProxy(target: string, hold: RegExp): Promise<GatedProxy> {
  let arrived = 0;
  let open: () => void = () => undefined;
  const gate = new Promise<void>((r) => {
    open = r;
  });
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (hold.test(req.url ?? '')) {
      arrived++;
      await gate;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && !['host', 'content-length'].includes(k)),
    ) as Record<string, string>;
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    try {
      const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, body });
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      // The platform went away (a test's teardown): answer like a gateway would, never crash the test run.
      if (!res.headersSent) res.writeHead(502);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get arrived() {
      return arrived;
    },
    open: () => open(),
    close: () =>
      new Promise<void>((r) => {
        open();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
