// Where a webhook may be sent. A subscriber URL must not reach into the city's own network (SSRF): private,
// loopback, link-local and other special addresses are refused, both when the subscriber is saved and at
// every connection (the DNS answer is checked by the socket's own lookup, so a name that later resolves to
// 127.0.0.1 is refused too). WEBHOOK_ALLOW_PRIVATE_TARGETS lifts this for tests and closed networks.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** True for an address no webhook may reach unless private targets are allowed. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    // IPv4-mapped IPv6 (::ffff:127.0.0.1) is the IPv4 address in disguise.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1]) return blocked.check(mapped[1], 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true;
}

/** Thrown for a URL a webhook may not be sent to; the message is for the admin (Indonesian). */
export class WebhookTargetError extends Error {}

/** Checks the URL's form: http(s), no credentials, a host. */
export function parseTargetUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError('Alamat URL tidak valid.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new WebhookTargetError('Alamat harus diawali https:// (atau http://).');
  }
  if (url.username || url.password) throw new WebhookTargetError('Alamat tidak boleh memuat nama pengguna/sandi.');
  return url;
}

const resolveAll = (host: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

/** Checks a subscriber URL before it is saved: its host must resolve, and only to public addresses. */
export async function assertAllowedTarget(raw: string, allowPrivate: boolean): Promise<URL> {
  const url = parseTargetUrl(raw);
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host }] : await resolveAll(host).catch(() => []);
  if (addresses.length === 0) throw new WebhookTargetError(`Nama host ${host} tidak dapat ditemukan.`);
  if (addresses.some((a) => isPrivateAddress(a.address))) {
    throw new WebhookTargetError('Alamat mengarah ke jaringan internal (privat/loopback); tidak diizinkan.');
  }
  return url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A socket lookup that refuses private addresses at connection time (DNS rebinding cannot slip through). */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const bad = !allowPrivate && addresses.some((a) => isPrivateAddress(a.address));
      if (bad)
        return callback(Object.assign(new Error(`refused private address for ${hostname}`), { code: 'EPRIVATE' }), []);
      const all = (options as { all?: boolean }).all;
      if (all) return callback(null, addresses);
      const first = addresses[0];
      return first ? callback(null, first.address, first.family) : callback(new Error('no address'), []);
    });
  };
}
