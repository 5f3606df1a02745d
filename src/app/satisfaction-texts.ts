// What a reporter reads about rating the handling of their complaint, in polite Indonesian.

/** The question sent after resolution on a chat channel (the answer is read by intake). */
export function ratingQuestion(trackingId: string, windowDays: number): string {
  return [
    `Bagaimana penilaian Anda atas penanganan laporan ${trackingId}?`,
    'Balas dengan angka 1 sampai 5 (1 = sangat tidak puas, 5 = sangat puas). Anda juga boleh menambahkan komentar, misalnya: "4 sudah diperbaiki, terima kasih".',
    `Jika masalahnya ternyata belum selesai, balas "belum selesai" dan laporan akan kami buka kembali. Penilaian dapat dikirim dalam ${windowDays} hari.`,
  ].join('\n');
}

/** The question on the web channel: the private page has a rating form, so no reply by number. */
export function ratingQuestionWeb(trackingId: string): string {
  return `Bagaimana penilaian Anda atas penanganan laporan ${trackingId}? Silakan beri nilai 1 sampai 5 dan komentar melalui formulir penilaian di halaman ini. Jika masalahnya belum selesai, Anda dapat membuka kembali laporan dari halaman ini.`;
}

/** Thanks for a rating; a low one is told it reached the office. */
export function ratingThanks(trackingId: string, rating: number | null, low: boolean): string {
  const given = rating === null ? '' : ` (nilai ${rating} dari 5)`;
  const follow = low
    ? ' Mohon maaf penanganannya belum memuaskan; penilaian Anda sudah kami teruskan kepada petugas untuk ditinjau.'
    : ' Masukan Anda membantu kami memperbaiki layanan.';
  return `Terima kasih atas penilaian Anda untuk laporan ${trackingId}${given}.${follow}`;
}

/** Told when "belum selesai" reopened the complaint. */
export function ratingReopened(trackingId: string): string {
  return `Terima kasih atas tanggapan Anda. Karena masalahnya belum selesai, laporan ${trackingId} kami buka kembali dan akan ditindaklanjuti lagi oleh petugas.`;
}
