// What an officer reads in the chat when linking it to their admin account (polite, plain Indonesian).

export const LINK_TEXTS = {
  linked: (name: string, cityName: string) =>
    `Terima kasih, Bapak/Ibu ${name}. Akun obrolan ini sudah tertaut ke akun Kanal Aduan ${cityName} Anda. ` +
    'Pengingat tenggat laporan dan ringkasan harian akan kami kirim ke sini. ' +
    'Tautan ini dapat dilepas kapan saja dari halaman "Akun saya".',
  missingCode:
    'Untuk menautkan akun obrolan ini, buka halaman "Akun saya" di Kanal Aduan, buat kode tautan, ' +
    'lalu kirim pesan: TAUTKAN <kode 6 angka>, misalnya TAUTKAN 482913.',
  wrongCode: (left: number) =>
    'Mohon maaf, kode tautan tersebut tidak dikenali atau sudah kedaluwarsa. ' +
    'Silakan buat kode baru di halaman "Akun saya" lalu kirim kembali. ' +
    (left > 0
      ? `Sisa percobaan: ${left} kali dalam satu jam ini.`
      : 'Percobaan berikutnya dapat dilakukan satu jam lagi.'),
  tooMany:
    'Mohon maaf, terlalu banyak kode yang salah dari akun ini. Silakan coba lagi satu jam lagi ' +
    'dengan kode baru dari halaman "Akun saya".',
  disabledUser:
    'Mohon maaf, akun Kanal Aduan pemilik kode ini sedang nonaktif, sehingga tautan tidak dapat dibuat. ' +
    'Silakan hubungi administrator.',
};
