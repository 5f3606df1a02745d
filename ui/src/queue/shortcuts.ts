// Keyboard shortcuts of the queue: j/k move, Enter opens, x selects, a/v/r act, / searches, ? shows help.
import { useEffect, useRef } from 'preact/hooks';

/** What each key does; the help dialog lists the same table. */
export const SHORTCUTS: [string, string][] = [
  ['j / k', 'Pindah ke laporan berikutnya / sebelumnya'],
  ['Enter', 'Buka laporan yang dipilih'],
  ['x', 'Centang / batal centang laporan'],
  ['a', 'Terima saran OPD (verifikasi dan teruskan)'],
  ['v', 'Verifikasi saja'],
  ['r', 'Tolak (dengan alasan)'],
  ['/', 'Ke kolom pencarian'],
  ['?', 'Tampilkan / sembunyikan daftar pintasan'],
];

export type ShortcutHandlers = Partial<Record<'j' | 'k' | 'Enter' | 'x' | 'a' | 'v' | 'r' | '/' | '?', () => void>>;

/** Listens for the shortcut keys, except while the user types in a field or holds a modifier. */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      // Enter on a focused button or link keeps its own meaning.
      if (e.key === 'Enter' && t && ['BUTTON', 'A'].includes(t.tagName)) return;
      const fn = ref.current[e.key as keyof ShortcutHandlers];
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
}
