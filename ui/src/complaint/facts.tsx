// The complaint's text, photos, location, channel and reporter (masked as the API decides).
import { formatDateTime } from '../format.js';
import { CHANNEL_LABELS } from '../texts.js';
import type { Detail } from '../types.js';

const PRIVACY: Record<string, string> = { named: 'Biasa', anonim: 'Anonim', rahasia: 'Rahasia' };

/** Link that opens the coordinates on OpenStreetMap in a new tab; no map tiles are loaded here. */
export function mapLink(lat: number, lon: number): string {
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}

/** The facts box at the top of the complaint page. */
export function Facts({ c }: { c: Detail }) {
  return (
    <section class="card" aria-labelledby="judul-isi">
      <h2 id="judul-isi">Isi laporan</h2>
      <p class="text">{c.text}</p>
      <Attachments c={c} />
      <dl class="facts">
        <dt>Kanal</dt>
        <dd>{CHANNEL_LABELS[c.channel] ?? c.channel}</dd>
        <dt>Pelapor</dt>
        <Reporter c={c} />
        <dt>Privasi</dt>
        <dd>{PRIVACY[c.privacy] ?? c.privacy}</dd>
        <dt>Diterima</dt>
        <dd>{formatDateTime(c.createdAt)}</dd>
        <dt>Lokasi</dt>
        <Location c={c} />
        {c.rating ? (
          <>
            <dt>Penilaian pelapor</dt>
            <dd>
              {c.rating}/5 {c.ratingComment ? `— ${c.ratingComment}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {c.duplicates && c.duplicates.length > 0 && (
        <p class="muted">
          Laporan terkait:{' '}
          {c.duplicates.map((d) => (
            <a key={d.trackingId} href={`/admin/laporan/${d.trackingId}`}>
              {d.trackingId}{' '}
            </a>
          ))}
        </p>
      )}
    </section>
  );
}

/** The reporter's photos as thumbnails, other files as links. */
function Attachments({ c }: { c: Detail }) {
  const photos = c.attachments.filter((a) => a.mimeType?.startsWith('image/'));
  const files = c.attachments.filter((a) => !a.mimeType?.startsWith('image/'));
  return (
    <>
      {photos.length > 0 && (
        <div class="photos">
          {photos.map((a) => (
            <a key={a.id} href={a.url ?? `/api/attachments/${a.id}`} target="_blank" rel="noopener">
              <img
                src={a.url ?? `/api/attachments/${a.id}`}
                alt={a.caption ?? `Foto dari pelapor (${c.trackingId})`}
                loading="lazy"
              />
            </a>
          ))}
        </div>
      )}
      {files.map((a) => (
        <p key={a.id}>
          <a href={a.url ?? `/api/attachments/${a.id}`} target="_blank" rel="noopener">
            Lampiran {a.mimeType ?? ''}
          </a>
        </p>
      ))}
    </>
  );
}

/** Who reported (as far as the privacy choice allows), and the channels that no longer reach them. */
function Reporter({ c }: { c: Detail }) {
  const reporter = c.reporter;
  return (
    <>
      <dd>
        {reporter
          ? (reporter.label ?? reporter.displayName ?? 'Tanpa nama')
          : (c.reporterLabel ?? 'Disembunyikan (anonim)')}
        {reporter?.phone ? ` · ${reporter.phone}` : ''}
        {reporter?.blocked ? ' · diblokir' : ''}
      </dd>
      {reporter?.identities
        ?.filter((i) => i.unreachable)
        .map((i) => (
          <dd key={i.channel} class="warn">
            Tidak dapat dihubungi lewat {CHANNEL_LABELS[i.channel] ?? i.channel} sejak{' '}
            {formatDateTime(i.unreachable?.since)}
            {i.unreachable?.reason ? ` (${i.unreachable.reason})` : ''}; balasan lewat kanal ini tidak dikirim.
          </dd>
        ))}
    </>
  );
}

function Location({ c }: { c: Detail }) {
  return (
    <dd>
      {c.locationText ? `${c.locationText} ` : ''}
      {c.location ? (
        <>
          ({c.location.latitude.toFixed(5)}, {c.location.longitude.toFixed(5)}){' '}
          <a href={mapLink(c.location.latitude, c.location.longitude)} target="_blank" rel="noopener noreferrer">
            Buka di peta
          </a>
        </>
      ) : (
        !c.locationText && 'Tidak ada'
      )}
    </dd>
  );
}
