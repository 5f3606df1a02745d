// The one escaper for markup the product writes: HTML pages (public pages, WhatsApp Web's admin page) and
// Open311's XML. `&apos;` is read alike by HTML5 and XML, so one table serves both.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for element content and quoted attribute values (HTML5 and XML). */
export function escapeMarkup(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
