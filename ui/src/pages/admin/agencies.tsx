// Instansi: the agency catalogue; names and the active flag are editable, new agencies can be added.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Message, useBusy } from '../../components.js';
import type { Agency } from '../../types.js';

/** The agencies page. */
export function AgenciesPage() {
  const [rows, setRows] = useState<Agency[]>([]);
  const [ok, setOk] = useState<string | null>(null);
  const { busy, error, run } = useBusy();
  const load = useCallback(
    () => run(async () => setRows((await api<{ items: Agency[] }>('GET', '/api/agencies')).items)),
    [run],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const [f, setF] = useState({ code: '', name: '', shortName: '' });
  return (
    <main id="konten" class="page wide">
      <h1>Instansi (OPD)</h1>
      <Message error={error} ok={ok} />
      <table>
        <thead>
          <tr>
            <th scope="col">Kode</th>
            <th scope="col">Nama</th>
            <th scope="col">Tugas</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.code} class={a.active === false ? 'disabled' : ''}>
              <td>{a.code}</td>
              <td>{a.name}</td>
              <td class="small">{a.description}</td>
              <td>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    run(async () => {
                      await api('PATCH', `/api/agencies/${a.code}`, { active: a.active === false });
                      setOk(`${a.shortName} ${a.active === false ? 'diaktifkan' : 'dinonaktifkan'}.`);
                      setRows((await api<{ items: Agency[] }>('GET', '/api/agencies')).items);
                    })
                  }
                >
                  {a.active === false ? 'Aktifkan' : 'Nonaktifkan'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        class="card stack"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await api('POST', '/api/agencies', { ...f, code: f.code.toUpperCase() });
            setOk(`${f.name} ditambahkan.`);
            setF({ code: '', name: '', shortName: '' });
            setRows((await api<{ items: Agency[] }>('GET', '/api/agencies')).items);
          });
        }}
      >
        <h2>Tambah instansi</h2>
        <div class="row wrap">
          <label>
            Kode
            <input required value={f.code} onInput={(e) => setF({ ...f, code: e.currentTarget.value })} />
          </label>
          <label>
            Nama lengkap
            <input required value={f.name} onInput={(e) => setF({ ...f, name: e.currentTarget.value })} />
          </label>
          <label>
            Nama singkat
            <input required value={f.shortName} onInput={(e) => setF({ ...f, shortName: e.currentTarget.value })} />
          </label>
        </div>
        <button type="submit" disabled={busy}>
          Tambah
        </button>
      </form>
    </main>
  );
}
