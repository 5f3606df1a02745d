// A small history router under /admin: enough for a dozen screens, no dependency.
import { useEffect, useState } from 'preact/hooks';

const BASE = '/admin';

/** The app path (without /admin) of the current location, e.g. "/laporan/CLG-261128-7KQ2". */
export function currentPath(): string {
  const p = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return p === '' ? '/' : p;
}

/** Goes to an app path without reloading; `replace` keeps the history clean for redirects. */
export function navigate(path: string, replace = false): void {
  const url = BASE + path;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** Re-renders on every navigation and returns the current app path and query. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const onPop = () => setTick((t) => t + 1);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  return { path: currentPath(), search: new URLSearchParams(location.search) };
}

/** Matches "/laporan/:id" against a path; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split('/');
  const b = path.split('/');
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const p = a[i] ?? '';
    const v = b[i] ?? '';
    if (p.startsWith(':')) params[p.slice(1)] = decodeURIComponent(v);
    else if (p !== v) return null;
  }
  return params;
}

/** Makes plain <a href="/admin/..."> links navigate in-app (left click without modifier keys). */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (e) => {
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const href = a.getAttribute('href') ?? '';
    if (a.target || a.hasAttribute('download') || !href.startsWith(`${BASE}/`) || href.startsWith('/admin/api')) return;
    e.preventDefault();
    navigate(href.slice(BASE.length));
  });
}
