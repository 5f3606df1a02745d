import { describe, expect, it } from 'vitest';
import { MASK_LABELS, maskPersonalData } from '../../src/domain/privacy.js';

const { nik: NIK, phone: PHONE, email: EMAIL, plate: PLATE } = MASK_LABELS;

describe('maskPersonalData', () => {
  it('masks a NIK written plainly, in groups of four and with dots', () => {
    expect(maskPersonalData('NIK saya 3672011203850001 tapi KTP belum jadi')).toBe(
      `NIK saya ${NIK} tapi KTP belum jadi`,
    );
    expect(maskPersonalData('nik: 3672 0112 0385 0001.')).toBe(`nik: ${NIK}.`);
    expect(maskPersonalData('NIK 36.72.01.120385.0001')).toBe(`NIK ${NIK}`);
  });

  it('masks Indonesian mobile numbers in every usual spelling', () => {
    const spellings = [
      '081234567890',
      '0812-3456-7890',
      '0812 3456 7890',
      '0812.3456.7890',
      '+6281234567890',
      '+62 812-3456-7890',
      '+62 812 3456 789',
      '6281234567890',
      '62 812 3456 7890',
      '(+62) 812 3456 7890',
      '0877 123 4567',
      '0815-123-456',
    ];
    for (const phone of spellings) {
      expect(maskPersonalData(`hubungi ${phone} ya pak`), phone).toBe(`hubungi ${PHONE} ya pak`);
    }
  });

  it('masks landline numbers with an area code', () => {
    expect(maskPersonalData('telp (0254) 391234 kantor kelurahan')).toBe(`telp ${PHONE} kantor kelurahan`);
    expect(maskPersonalData('atau 021-5551234')).toBe(`atau ${PHONE}`);
    expect(maskPersonalData('atau +62 254 391234')).toBe(`atau ${PHONE}`);
  });

  it('masks e-mail addresses', () => {
    expect(maskPersonalData('kirim ke budi.santoso+aduan@gmail.com, terima kasih')).toBe(
      `kirim ke ${EMAIL}, terima kasih`,
    );
    expect(maskPersonalData('email: siti_aminah@cilegon.go.id')).toBe(`email: ${EMAIL}`);
  });

  it('masks vehicle plates with and without spaces', () => {
    expect(maskPersonalData('motor B 1234 XYZ parkir di trotoar')).toBe(`motor ${PLATE} parkir di trotoar`);
    expect(maskPersonalData('truk A1234BC ngebut')).toBe(`truk ${PLATE} ngebut`);
    expect(maskPersonalData('mobil plat a8899kl nabrak')).toBe(`mobil plat ${PLATE} nabrak`);
    expect(maskPersonalData('angkot B-1234-TX')).toBe(`angkot ${PLATE}`);
  });

  it('masks everything in a realistic complaint at once', () => {
    const text =
      'Sy Budi (NIK 3672011203850001), hp 0812-9876-5432 / budi@yahoo.co.id. Truk A 9012 TC buang sampah ' +
      'di Jl. Raya Merak RT 003/RW 005 tiap malam jam 23.30.';
    expect(maskPersonalData(text)).toBe(
      `Sy Budi (NIK ${NIK}), hp ${PHONE} / ${EMAIL}. Truk ${PLATE} buang sampah ` +
        'di Jl. Raya Merak RT 003/RW 005 tiap malam jam 23.30.',
    );
  });

  it('leaves dates, RT/RW, amounts, times, tracking IDs and short service numbers alone', () => {
    const untouched = [
      'sejak 12-05-2026 jalan berlubang',
      'tanggal 05/11/2026 dan 2026-11-28',
      'tgl 08122026 lampu mati',
      'RT 003/RW 005 Kel. Ketileng',
      'RT 3 RW 5 Kelurahan Ciwedus',
      'RT.03 RW.07',
      'diminta bayar Rp 1.500.000 untuk KTP',
      'pungli Rp62.500.000.000 katanya',
      'harga LPG 3 kg jadi Rp 25.000',
      'jam 08.30-10.00 antre di Disdukcapil',
      'cek CLG-261128-7KQ2 dan clg-260105-2345 ya',
      'telepon 112 atau SMS 1708',
      'km 12 arah Merak, H2O, a 1 kg beras',
      'Blok C no. 12, 45 KK terdampak',
      'nomor antrian 0123',
    ];
    for (const text of untouched) expect(maskPersonalData(text), text).toBe(text);
  });

  it('is pure and idempotent', () => {
    const text = 'hp 081234567890 NIK 3672011203850001';
    const once = maskPersonalData(text);
    expect(maskPersonalData(text)).toBe(once);
    expect(maskPersonalData(once)).toBe(once);
  });
});
