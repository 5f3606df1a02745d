// The reporter's private page (/laporan/<secret>): their complaint, everything the city sent them, and forms to
// add information or photos, reopen, confirm and rate. Plain HTML forms, no script (strict CSP).
import { STATUS_LABELS } from '../../domain/texts.js';
import { escapeMarkup as esc } from '../escape.js';
import { dateFormat, layout, newFormKey } from '../pages.js';
import type { PrivateComplaint, PrivateMessage, PrivateView } from './views.js';

/** Notices shown after an action (?ok=<action>). */
const DONE: Record<string, string> = {
  baru: 'Terima kasih, laporan Anda sudah kami terima.',
  add: 'Terima kasih, informasi tambahan sudah kami terima.',
  reopen: 'Laporan Anda kami buka kembali untuk ditindaklanjuti.',
  confirm: 'Terima kasih atas konfirmasi Anda.',
  rate: 'Terima kasih atas penilaian Anda.',
};

const PRIVACY_LABELS: Record<string, string> = {
  named: 'Biasa',
  anonim: 'Anonim (identitas dirahasiakan dari perangkat daerah dan publik)',
  rahasia: 'Rahasia (laporan tidak ditampilkan ke publik)',
};

/** What the private page needs besides the loaded view. */
export interface PrivatePageOptions {
  action: string;
  timeZone: string;
  notice?: string;
  error?: string;
  /** Shown once, right after filing: the link itself, to bookmark or copy. */
  linkToKeep?: string;
}

/** Renders the private page. */
export function privatePage(view: PrivateView, opts: PrivatePageOptions): string {
  const fmt = dateFormat(opts.timeZone);
  const notice = opts.notice ? DONE[opts.notice] : undefined;
  const keep = opts.linkToKeep
    ? `<p class="link" id="private-link">Simpan tautan pribadi ini untuk melihat balasan petugas dan menambah informasi: <strong>${esc(opts.linkToKeep)}</strong><br>Jangan bagikan tautan ini: siapa pun yang memilikinya dapat melihat laporan Anda.</p>`
    : '';
  const complaints = view.complaints.map((c) => complaintSection(c, fmt, opts.action)).join('');
  return layout(
    'Laporan Anda',
    `${notice ? `<p class="ok" role="status">${esc(notice)}</p>` : ''}${keep}
${opts.error ? `<p class="err" role="alert">${esc(opts.error)}</p>` : ''}
${complaints || '<p>Laporan Anda sedang diproses. Silakan muat ulang halaman ini beberapa saat lagi.</p>'}
<h2>Pesan</h2><ul class="tl" id="messages">${view.messages.map((m) => messageItem(m, fmt)).join('')}</ul>
<p><a href="/lapor">Buat laporan baru</a></p>`,
  );
}

function complaintSection(c: PrivateComplaint, fmt: Intl.DateTimeFormat, action: string): string {
  const history = c.history
    .map(
      (h) =>
        `<li><strong>${h.status ? esc(STATUS_LABELS[h.status]) : 'Catatan petugas'}</strong> — ${fmt.format(h.at)}${h.note ? `<br>${esc(h.note)}` : ''}</li>`,
    )
    .join('');
  return `<h1>Laporan <span id="tracking-id">${esc(c.trackingId)}</span></h1>
<p>Status: <strong id="status">${esc(STATUS_LABELS[c.status])}</strong></p>
${c.agencyName ? `<p>Ditangani oleh: ${esc(c.agencyName)}</p>` : ''}
${c.referredTo ? `<p>Laporan ini bukan wewenang Pemerintah Kota. Silakan sampaikan ke: ${esc(c.referredTo)}</p>` : ''}
<p class="hint">Dikirim ${fmt.format(c.createdAt)}. Kerahasiaan: ${esc(PRIVACY_LABELS[c.privacy] ?? c.privacy)}.</p>
<blockquote id="complaint-text">${esc(c.text)}</blockquote>
<h2>Riwayat</h2><ul class="tl">${history}</ul>
${actionForms(c, action)}`;
}

function messageItem(m: PrivateMessage, fmt: Intl.DateTimeFormat): string {
  const who = m.from === 'city' ? 'Petugas' : 'Anda';
  const files = m.attachments ? `<br><em>${m.attachments} berkas dilampirkan</em>` : '';
  return `<li class="${m.from === 'city' ? 'city' : 'me'}"><strong>${who}</strong> — ${fmt.format(m.at)}<br>${esc(m.text)}${files}</li>`;
}

function hidden(c: PrivateComplaint, action: string): string {
  return `<input type="hidden" name="actionId" value="${newFormKey()}"><input type="hidden" name="trackingId" value="${esc(c.trackingId)}"><input type="hidden" name="action" value="${action}">`;
}

function actionForms(c: PrivateComplaint, url: string): string {
  const forms = [
    `<form method="post" action="${esc(url)}" enctype="multipart/form-data"><fieldset><legend>Tambah informasi atau balas</legend>${hidden(c, 'add')}
<label for="add-text">Pesan</label><textarea id="add-text" name="text" rows="4" maxlength="5000"></textarea>
<label for="add-files">Foto atau dokumen (JPG, PNG, WebP, PDF)</label><input id="add-files" type="file" name="files" multiple accept="image/jpeg,image/png,image/webp,application/pdf">
<button type="submit">Kirim</button></fieldset></form>`,
  ];
  if (c.status === 'resolved') {
    forms.push(`<form method="post" action="${esc(url)}"><fieldset><legend>Apakah masalahnya sudah selesai?</legend>${hidden(c, 'confirm')}
<button type="submit">Ya, sudah selesai</button></fieldset></form>`);
  }
  if (c.status === 'resolved' || c.status === 'archived') {
    forms.push(`<form method="post" action="${esc(url)}"><fieldset><legend>Belum selesai? Buka kembali laporan</legend>${hidden(c, 'reopen')}
<label for="reopen-text">Apa yang belum selesai?</label><textarea id="reopen-text" name="text" rows="3" maxlength="5000"></textarea>
<button type="submit">Buka kembali</button></fieldset></form>`);
  }
  if (c.resolved) {
    const stars = [1, 2, 3, 4, 5]
      .map((n) => `<option value="${n}"${c.rating === n ? ' selected' : ''}>${n}</option>`)
      .join('');
    forms.push(`<form method="post" action="${esc(url)}"><fieldset><legend>Nilai penanganan laporan</legend>${hidden(c, 'rate')}
<label for="rating">Nilai (1 = sangat buruk, 5 = sangat baik)</label><select id="rating" name="rating">${stars}</select>
<label for="rating-text">Komentar (opsional)</label><textarea id="rating-text" name="text" rows="3" maxlength="2000">${esc(c.ratingComment ?? '')}</textarea>
<button type="submit">Kirim penilaian</button></fieldset></form>`);
  }
  return forms.join('\n');
}
