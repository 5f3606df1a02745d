// Pengguna: list, add, change role and agency, disable, reset password (each change ends the user's sessions).
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Message, useBusy } from '../../components.js';
import { agencyPairs, Field, Form, Head, Options, Select } from '../../fields.js';
import { useAgencies } from '../../hooks.js';
import { ROLE_LABELS } from '../../texts.js';
import type { Agency, Role, User } from '../../types.js';

interface Row extends User {
  id: string;
  disabled: boolean;
  /** Kepala OPD: told when the agency's follow-up deadline passes (PUT /api/users/:id/agency-head). */
  agencyHead: boolean;
}

const fetchUsers = async () => (await api<{ items: Row[] }>('GET', '/api/users')).items;

/** The users page. */
export function UsersPage() {
  const [rows, setRows] = useState<Row[]>([]);
  const [ok, setOk] = useState<string | null>(null);
  const { busy, error, run } = useBusy();
  const agencies = useAgencies();
  const load = useCallback(() => run(async () => setRows(await fetchUsers())), [run]);
  useEffect(() => {
    void load();
  }, [load]);
  // Every change is followed by a fresh list, so the table shows what the server kept.
  const change = (label: string, fn: () => Promise<unknown>) =>
    run(async () => {
      await fn();
      setRows(await fetchUsers());
      setOk(label);
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
        <Head cols={['Nama', 'Email', 'Peran', 'OPD', 'Tindakan']} />
        <tbody>
          {rows.map((u) => (
            <UserRow key={u.id} u={u} agencies={agencies} busy={busy} change={change} onReset={reset} />
          ))}
        </tbody>
      </table>
      <AddUser
        onAdded={async (m) => {
          await load();
          setOk(m);
        }}
      />
    </main>
  );
}

interface RowProps {
  u: Row;
  agencies: Agency[];
  busy: boolean;
  change: (label: string, fn: () => Promise<unknown>) => void;
  onReset: (u: Row) => void;
}

function UserRow({ u, agencies, busy, change, onReset }: RowProps) {
  const patch = (body: Partial<Row>, label: string) => change(label, () => api('PATCH', `/api/users/${u.id}`, body));
  const setHead = () =>
    change(u.agencyHead ? 'Status kepala OPD dicabut.' : 'Ditetapkan sebagai kepala OPD.', () =>
      api('PUT', `/api/users/${u.id}/agency-head`, { agencyHead: !u.agencyHead }),
    );
  return (
    <tr class={u.disabled ? 'disabled' : ''}>
      <td>{u.name}</td>
      <td>{u.email}</td>
      <td>
        <select
          aria-label={`Peran ${u.email}`}
          value={u.role}
          disabled={busy}
          onChange={(e) => patch({ role: e.currentTarget.value as Role }, 'Peran diubah.')}
        >
          <Options pairs={ROLES} />
        </select>
      </td>
      <td>
        <select
          aria-label={`OPD ${u.email}`}
          value={u.agencyCode ?? ''}
          disabled={busy}
          onChange={(e) => patch({ agencyCode: e.currentTarget.value || null }, 'OPD diubah.')}
        >
          <Options pairs={agencyPairs(agencies)} empty="—" />
        </select>
      </td>
      <td class="row">
        <button
          type="button"
          disabled={busy}
          onClick={() => patch({ disabled: !u.disabled }, u.disabled ? 'Akun diaktifkan.' : 'Akun dinonaktifkan.')}
        >
          {u.disabled ? 'Aktifkan' : 'Nonaktifkan'}
        </button>
        {u.agencyCode && (
          <label class="inline">
            <input type="checkbox" checked={u.agencyHead} disabled={busy} onChange={setHead} />
            Kepala OPD
          </label>
        )}
        <button type="button" disabled={busy} onClick={() => onReset(u)}>
          Atur ulang kata sandi
        </button>
      </td>
    </tr>
  );
}

const ROLES = Object.entries(ROLE_LABELS);
const EMPTY = { name: '', email: '', role: 'reviewer', agencyCode: '', password: '' };

function AddUser({ onAdded }: { onAdded: (m: string) => void }) {
  const agencies = useAgencies();
  const { busy, error, run } = useBusy();
  const [f, setF] = useState(EMPTY);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  return (
    <Form
      class="card stack"
      onSubmit={() => {
        void run(async () => {
          await api('POST', '/api/users', { ...f, agencyCode: f.agencyCode || undefined });
          setF(EMPTY);
          onAdded(`Pengguna ${f.email} ditambahkan.`);
        });
      }}
    >
      <h2>Tambah pengguna</h2>
      <Message error={error} />
      <div class="row wrap">
        <Field label="Nama" required value={f.name} onValue={set('name')} />
        <Field label="Email" type="email" required value={f.email} onValue={set('email')} />
        <Select label="Peran" value={f.role} onValue={set('role')} pairs={ROLES} />
        <Select
          label="OPD (untuk petugas OPD)"
          value={f.agencyCode}
          onValue={set('agencyCode')}
          required={f.role === 'officer'}
          pairs={agencyPairs(agencies)}
          empty="—"
        />
        <Field
          label="Kata sandi awal"
          type="password"
          autocomplete="new-password"
          required
          minLength={10}
          value={f.password}
          onValue={set('password')}
        />
      </div>
      <button type="submit" class="primary" disabled={busy}>
        Tambah
      </button>
    </Form>
  );
}
