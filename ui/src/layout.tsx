// Header with the navigation each role needs, and the logout button.
import type { ComponentChildren } from 'preact';
import { api } from './api.js';
import { useLocation } from './router.js';
import { useUser } from './session.js';
import { ROLE_LABELS } from './texts.js';
import type { Role } from './types.js';

const LINKS: { path: string; label: string; roles: Role[] }[] = [
  { path: '/antrean', label: 'Antrean tinjauan', roles: ['admin', 'reviewer', 'viewer'] },
  { path: '/meja', label: 'Meja OPD', roles: ['officer'] },
  { path: '/dasbor', label: 'Dasbor', roles: ['admin', 'reviewer', 'viewer', 'officer'] },
  { path: '/pengguna', label: 'Pengguna', roles: ['admin'] },
  { path: '/instansi', label: 'Instansi', roles: ['admin'] },
  { path: '/kanal', label: 'Kanal & pesan gagal', roles: ['admin'] },
  { path: '/webhook', label: 'Webhook', roles: ['admin'] },
  { path: '/audit', label: 'Log audit', roles: ['admin'] },
  { path: '/akun', label: 'Akun saya', roles: ['admin', 'reviewer', 'viewer', 'officer'] },
];

/** Page frame for logged-in users. */
export function Layout({ children, onLogout }: { children: ComponentChildren; onLogout: () => void }) {
  const user = useUser();
  const { path } = useLocation();
  const logout = async () => {
    await api('POST', '/api/auth/logout', {}).catch(() => undefined);
    onLogout();
  };
  return (
    <>
      <a class="skip" href="#konten">
        Lewati ke konten
      </a>
      <header class="topbar">
        <span class="brand">Kanal Aduan</span>
        <nav aria-label="Menu utama">
          {LINKS.filter((l) => l.roles.includes(user.role)).map((l) => (
            <a key={l.path} href={`/admin${l.path}`} aria-current={path.startsWith(l.path) ? 'page' : undefined}>
              {l.label}
            </a>
          ))}
        </nav>
        <span class="who">
          {user.name} · {ROLE_LABELS[user.role]}
          {user.agencyCode ? ` ${user.agencyCode}` : ''}
        </span>
        <button type="button" class="link" onClick={logout}>
          Keluar
        </button>
      </header>
      {children}
    </>
  );
}
