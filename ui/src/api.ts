// The one fetch wrapper of the UI: JSON in and out, the session cookie, and every error turned into one
// Indonesian message in one place. A 401 anywhere ends the session and sends the user back to the login page.

/** An error answered by the admin API (or the network), with a message ready to show to the user. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

type Handler = () => void;
let onExpired: Handler = () => {};

/** Registers what happens when the server says the session is gone (the app shows the login page). */
export function onSessionExpired(handler: Handler): void {
  onExpired = handler;
}

/** Messages we own for codes whose wording matters to the user; other codes show the server's message. */
function messageFor(status: number, code: string, serverMessage: string | undefined, retryAfter?: number): string {
  if (code === 'stale') return 'Laporan ini sudah diubah oleh petugas lain. Data terbaru sudah dimuat ulang.';
  if (code === 'too_many_attempts') {
    const seconds = Math.max(1, Math.ceil(retryAfter ?? 60));
    const wait = seconds < 60 ? `${seconds} detik` : `${Math.ceil(seconds / 60)} menit`;
    return `Terlalu banyak percobaan masuk. Demi keamanan akun, silakan coba lagi dalam ${wait}.`;
  }
  if (code === 'invalid_credentials') return 'Email atau kata sandi salah. Silakan periksa kembali.';
  if (status === 401) return 'Sesi Anda telah berakhir, silakan masuk kembali.';
  if (status === 403) return 'Maaf, Anda tidak memiliki akses untuk tindakan ini.';
  if (status === 404) return 'Data yang Anda cari tidak ditemukan atau tidak dapat Anda akses.';
  if (serverMessage) return serverMessage;
  if (status >= 500) return 'Terjadi gangguan di server. Silakan coba beberapa saat lagi.';
  return 'Permintaan tidak dapat diproses. Silakan periksa isian Anda.';
}

interface ErrorBody {
  error?: { code?: string; message?: string };
  retryAfterSeconds?: number;
}

/** Calls the admin API; resolves with the parsed JSON body or rejects with an ApiError. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Tidak dapat terhubung ke server. Periksa koneksi Anda lalu coba lagi.');
  }
  const text = await res.text();
  const parsed: unknown = text ? safeJson(text) : {};
  if (res.ok) return parsed as T;
  const err = (parsed ?? {}) as ErrorBody;
  const code = err.error?.code ?? `http_${res.status}`;
  const retry = err.retryAfterSeconds ?? (Number(res.headers.get('retry-after')) || undefined);
  const failure = new ApiError(res.status, code, messageFor(res.status, code, err.error?.message, retry), retry);
  // The login form handles its own 401 (wrong password); everywhere else a 401 means the session ended.
  if (res.status === 401 && !path.startsWith('/api/auth/login')) onExpired();
  throw failure;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A random id so a double click or a retried request is recognised by the server and sent once. */
export function newRequestId(): string {
  return crypto.randomUUID();
}

/** Builds a query string from the set values of a filter object. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
