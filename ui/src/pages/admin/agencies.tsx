// Instansi: the agency catalogue; names and the active flag are editable, new agencies can be added.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Message, useBusy } from '../../components.js';
import { Field, Form, Head } from '../../fields.js';
import type { Agency } from '../../types.js';

const fetchAgencies = async () => (await api<{ items: Agency[] }>('GET', '/api/agencies')).items;

/** The agencies page. */
export function AgenciesPage() {
  const [rows, setRows] = useState<Agency[]>([]);
  const [ok, setOk] = useState<string | null>(null);
  const { busy, error, run } = useBusy();
  const load = useCallback(() => run(async () => setRows(await fetchAgencies())), [run]);
  useEffect(() => {
    void load();
  }, [load]);
  const toggle = (a: Agency) =>
    run(async () => {
      await api('PATCH', `/api/agencies/${a.code}`, { active: a.active === false });
      setOk(`${a.shortName} ${a.active === false ? 'diaktifkan' : 'dinonaktifkan'}.`);
      setRows(await fetchAgencies());
    });
  const add = (f: NewAgency, clear: () => void) =>
    run(async () => {
      await api('POST', '/api/agencies', { ...f, code: f.code.toUpperCase() });
      setOk(`${f.name} ditambahkan.`);
      clear();
      setRows(await fetchAgencies());
    });
  return (
    <main id="konten" class="page wide">
      <h1>Instansi (OPD)</h1>
      <Message error={error} ok={ok} />
      <table>
        <Head cols={['Kode', 'Nama', 'Tugas', 'Status']} />
        <tbody>
          {rows.map((a) => (
            <tr key={a.code} class={a.active === false ? 'disabled' : ''}>
              <td>{a.code}</td>
              <td>{a.name}</td>
              <td class="small">{a.description}</td>
              <td>
                <button type="button" disabled={busy} onClick={() => toggle(a)}>
                  {a.active === false ? 'Aktifkan' : 'Nonaktifkan'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddAgency busy={busy} onAdd={add} />
    </main>
  );
}

const EMPTY = { code: '', name: '', shortName: '' };
type NewAgency = typeof EMPTY;

/** The form for a new agency; it empties once the agency is saved (`clear`). */
function AddAgency({ busy, onAdd }: { busy: boolean; onAdd: (f: NewAgency, clear: () => void) => void }) {
  const [f, setF] = useState(EMPTY);
  const set = (k: keyof NewAgency) => (v: string) => setF({ ...f, [k]: v });
  return (
    <Form
      class="card stack"
      onSubmit={() => {
        onAdd(f, () => setF(EMPTY));
      }}
    >
      <h2>Tambah instansi</h2>
      <div class="row wrap">
        <Field label="Kode" required value={f.code} onValue={set('code')} />
        <Field label="Nama lengkap" required value={f.name} onValue={set('name')} />
        <Field label="Nama singkat" required value={f.shortName} onValue={set('shortName')} />
      </div>
      <button type="submit" disabled={busy}>
        Tambah
      </button>
    </Form>
  );
}
