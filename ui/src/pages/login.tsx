// Masuk: email and password, with clear messages for a wrong password, too many attempts and an ended session.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { errorText, Message } from '../components.js';
import { Field } from '../fields.js';
import type { User } from '../types.js';

/** The login page. */
export function LoginPage({ notice, onLogin }: { notice: string | null; onLogin: (u: User) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ user: User }>('POST', '/api/auth/login', { email: email.trim(), password });
      onLogin(r.user);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <main id="konten" class="login">
      <form class="card" onSubmit={submit} aria-labelledby="judul-masuk">
        <h1 id="judul-masuk">Masuk</h1>
        <p class="muted">Meja admin layanan pengaduan. Silakan masuk dengan akun petugas Anda.</p>
        {notice && !error && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <Message error={error} />
        <Field
          label="Email"
          type="email"
          name="email"
          autocomplete="username"
          required
          value={email}
          onValue={setEmail}
        />
        <Field
          label="Kata sandi"
          type="password"
          name="password"
          autocomplete="current-password"
          required
          value={password}
          onValue={setPassword}
        />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Sedang masuk…' : 'Masuk'}
        </button>
      </form>
    </main>
  );
}
