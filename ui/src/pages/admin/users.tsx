// Pengguna: list, add, change role and agency, disable, reset password (each change ends the user's sessions).
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Message, useBusy } from '../../components.js';
import { useAgencies } from '../../hooks.js';
import { ROLE_LABELS } from '../../texts.js';
import type { Role, User } from '../../types.js';

interface Row extends User {
  id: string;
  disabled: boolean;
  /** Kepala OPD: told when the agency's follow-up deadline passes (PUT /api/users/:id/agency-head). */
  agencyHead: boolean;
}

/** The users page. */
export function UsersPage() {
  const [rows, setRows] = useState<Row[]>([]);
  const [ok, setOk] = useState<string | null>(null);
  const { busy, error, run } = useBusy();
  const agencies = useAgencies();
  const load = useCallback(
    () => run(async () => setRows((await api<{ items: Row[] }>('GET', '/api/users')).items)),
    [run],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const patch = (u: Row, body: Partial<Row>, label: string) =>
    run(async () => {
      await api('PATCH', `/api/users/${u.id}`, body);
      setOk(label);
      setRows((await api<{ items: Row[] }>('GET', '/api/users')).items);
    });
  const setHead = (u: Row) =>
    run(async () => {
      await api('PUT', `/api/users/${u.id}/agency-head`, { agencyHead: !u.agencyHead });
      setOk(u.agencyHead ? 'Status kepala OPD dicabut.' : 'Ditetapkan sebagai kepala OPD.');
      setRows((await api<{ items: Row[] }>('GET', '/api/users')).items);
    });
  const reset = (u: Row) =>
    run(async () => {
      const r = await api<{ temporaryPassword: string }>('POST', `/api/users/${u.id}/reset-password`, {});
      setOk(
        `Kata sandi sementara untuk ${u.email}: ${r.temporaryPassword} — sampaikan secara langsung, jangan lewat pesan umum.`,
      );
    });
  return (
    <main id="konten" class="page wide">
      <h1>Pengguna</h1>
      <Message error={error} ok={ok} />
      <table>
        <thead>
          <tr>
            <th scope="col">Nama</th>
            <th scope="col">Email</th>
            <th scope="col">Peran</th>
            <th scope="col">OPD</th>
            <th scope="col">Tindakan</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.id} class={u.disabled ? 'disabled' : ''}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <select
                  aria-label={`Peran ${u.email}`}
                  value={u.role}
                  disabled={busy}
                  onChange={(e) => patch(u, { role: e.currentTarget.value as Role }, 'Peran diubah.')}
                >
                  {Object.entries(ROLE_LABELS).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  aria-label={`OPD ${u.email}`}
                  value={u.agencyCode ?? ''}
                  disabled={busy}
                  onChange={(e) => patch(u, { agencyCode: e.currentTarget.value || null }, 'OPD diubah.')}
                >
                  <option value="">—</option>
                  {agencies.map((a) => (
                    <option key={a.code} value={a.code}>
                      {a.shortName}
                    </option>
                  ))}
                </select>
              </td>
              <td class="row">
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    patch(u, { disabled: !u.disabled }, u.disabled ? 'Akun diaktifkan.' : 'Akun dinonaktifkan.')
                  }
                >
                  {u.disabled ? 'Aktifkan' : 'Nonaktifkan'}
                </button>
                {u.agencyCode && (
                  <label class="inline">
                    <input type="checkbox" checked={u.agencyHead} disabled={busy} onChange={() => setHead(u)} />
                    Kepala OPD
                  </label>
                )}
                <button type="button" disabled={busy} onClick={() => reset(u)}>
                  Atur ulang kata sandi
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddUser
        onAdded={async (m) => {
          setOk(m);
          await load();
        }}
      />
    </main>
  );
}

function AddUser({ onAdded }: { onAdded: (m: string) => void }) {
  const agencies = useAgencies();
  const { busy, error, run } = useBusy();
  const [f, setF] = useState({ name: '', email: '', role: 'reviewer', agencyCode: '', password: '' });
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <form
      class="card stack"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await api('POST', '/api/users', { ...f, agencyCode: f.agencyCode || undefined });
          setF({ name: '', email: '', role: 'reviewer', agencyCode: '', password: '' });
          onAdded(`Pengguna ${f.email} ditambahkan.`);
        });
      }}
    >
      <h2>Tambah pengguna</h2>
      <Message error={error} />
      <div class="row wrap">
        <label>
          Nama
          <input required value={f.name} onInput={set('name')} />
        </label>
        <label>
          Email
          <input type="email" required value={f.email} onInput={set('email')} />
        </label>
        <label>
          Peran
          <select value={f.role} onChange={set('role')}>
            {Object.entries(ROLE_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          OPD (untuk petugas OPD)
          <select value={f.agencyCode} onChange={set('agencyCode')} required={f.role === 'officer'}>
            <option value="">—</option>
            {agencies.map((a) => (
              <option key={a.code} value={a.code}>
                {a.shortName}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kata sandi awal
          <input
            type="password"
            autocomplete="new-password"
            required
            minLength={10}
            value={f.password}
            onInput={set('password')}
          />
        </label>
      </div>
      <button type="submit" class="primary" disabled={busy}>
        Tambah
      </button>
    </form>
  );
}
