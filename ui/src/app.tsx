// The app shell: session check, login, navigation per role, and the route table.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, onSessionExpired } from './api.js';
import { Layout } from './layout.js';
import { AccountPage } from './pages/account.js';
import { AgenciesPage } from './pages/admin/agencies.js';
import { AuditPage } from './pages/admin/audit.js';
import { ChannelsPage } from './pages/admin/channels.js';
import { UsersPage } from './pages/admin/users.js';
import { WebhooksPage } from './pages/admin/webhooks.js';
import { ComplaintPage } from './pages/complaint.js';
import { DashboardPage } from './pages/dashboard.js';
import { LoginPage } from './pages/login.js';
import { OfficerDesk } from './pages/officer.js';
import { QueuePage } from './pages/queue.js';
import { match, navigate, useLocation } from './router.js';
import { homeFor, SessionContext } from './session.js';
import type { User } from './types.js';

const EXPIRED = 'Sesi Anda telah berakhir, silakan masuk kembali.';

/** Root component. */
export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const loggedIn = useRef(false);
  loggedIn.current = Boolean(user);

  useEffect(() => {
    onSessionExpired(() => {
      // Only a session that existed can expire; the first visit simply shows the login page.
      if (loggedIn.current) setNotice(EXPIRED);
      setUser(null);
    });
    api<{ user: User }>('GET', '/api/auth/me')
      .then((r) => setUser(r.user))
      .catch(() => setUser(null));
  }, []);

  if (user === undefined) return <p class="loading">Memuat…</p>;
  if (user === null) {
    return (
      <LoginPage
        notice={notice}
        onLogin={(u) => {
          setNotice(null);
          setUser(u);
          if (currentIsLogin()) navigate(homeFor(u), true);
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={user}>
      <Layout onLogout={() => setUser(null)}>
        <Routes user={user} />
      </Layout>
    </SessionContext.Provider>
  );
}

function currentIsLogin(): boolean {
  const p = location.pathname.replace(/\/$/, '');
  return p === '/admin' || p === '/admin/masuk';
}

function Routes({ user }: { user: User }) {
  const { path } = useLocation();
  const complaint = match('/laporan/:id', path);
  useEffect(() => {
    if (path === '/' || path === '/masuk') navigate(homeFor(user), true);
  }, [path, user]);
  if (complaint?.id) return <ComplaintPage key={complaint.id} id={complaint.id} />;
  switch (path) {
    case '/antrean':
      return <QueuePage />;
    case '/meja':
      return <OfficerDesk />;
    case '/dasbor':
      return <DashboardPage />;
    case '/pengguna':
      return <UsersPage />;
    case '/instansi':
      return <AgenciesPage />;
    case '/kanal':
      return <ChannelsPage />;
    case '/webhook':
      return <WebhooksPage />;
    case '/audit':
      return <AuditPage />;
    case '/akun':
      return <AccountPage />;
    case '/':
    case '/masuk':
      return null;
    default:
      return (
        <main id="konten" class="page">
          <h1>Halaman tidak ditemukan</h1>
          <p>
            Maaf, halaman ini tidak ada. <a href={`/admin${homeFor(user)}`}>Kembali ke halaman utama</a>.
          </p>
        </main>
      );
  }
}
