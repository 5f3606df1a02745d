// The one catalogue of agencies and outside authorities: what seeding, the classifier's labels, referrals and
// the admin UI read.
import { describe, expect, it } from 'vitest';
import {
  CATALOGUE,
  CITY_AGENCIES,
  catalogueEntry,
  isOutsideAuthority,
  OUTSIDE_AUTHORITIES,
  outsideAuthorityName,
} from '../../src/domain/catalogue.js';

describe('catalogue', () => {
  it('lists every code once: 26 city agencies, 12 outside authorities and "not a complaint"', () => {
    const codes = CATALOGUE.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(CITY_AGENCIES).toHaveLength(26);
    expect(OUTSIDE_AUTHORITIES).toHaveLength(12);
    expect(codes).toHaveLength(39);
  });

  it('seeds exactly the city agencies, with names, short names and descriptions', () => {
    const city = CATALOGUE.filter((entry) => entry.jurisdiction === 'city').map((entry) => entry.code);
    expect(CITY_AGENCIES.map((agency) => agency.code)).toEqual(city);
    for (const agency of CITY_AGENCIES) {
      expect(Object.keys(agency).sort()).toEqual(['code', 'description', 'name', 'shortName']);
      expect(agency.name && agency.shortName && agency.description, agency.code).toBeTruthy();
    }
  });

  it('tells where to report every outside authority, and nothing for city agencies', () => {
    for (const entry of OUTSIDE_AUTHORITIES) {
      expect(isOutsideAuthority(entry.code), entry.code).toBe(true);
      expect(entry.whereToReport, entry.code).toBeTruthy();
      expect(outsideAuthorityName(entry.code)).toBe(entry.name);
    }
    for (const code of ['DPUTR', 'UNIT_LAIN', 'BUKAN_ADUAN']) {
      expect(isOutsideAuthority(code)).toBe(false);
      expect(outsideAuthorityName(code)).toBeNull();
      expect(catalogueEntry(code).whereToReport).toBeNull();
    }
    expect(catalogueEntry('PROVINSI').jurisdiction).toBe('province');
    expect(catalogueEntry('DARURAT').whereToReport).toMatch(/112/);
  });

  it('treats a code a deployment added as a city agency, and only the catch-all as always reviewed', () => {
    expect(catalogueEntry('DINAS_BARU')).toMatchObject({
      code: 'DINAS_BARU',
      jurisdiction: 'city',
      whereToReport: null,
    });
    expect(CATALOGUE.filter((entry) => entry.alwaysReview).map((entry) => entry.code)).toEqual(['UNIT_LAIN']);
  });
});
