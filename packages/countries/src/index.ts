import countries from "world-countries";

/** A country or territory of ISO 3166-1, as public reference data. */
export interface CountryRecord {
  /** ISO 3166-1 alpha-3 code (Kosovo carries the user-assigned code UNK). */
  code: string;
  /** ISO 3166-1 alpha-2 code (Kosovo: XK), for standards that use it (STIX 2.1 locations). */
  alpha2: string;
  name: string;
  officialName: string;
  /** UN M49 numeric code, where one exists. */
  m49: string | null;
  region: string;
  subregion: string | null;
}

const ALL: readonly CountryRecord[] = countries
  .map((c) => ({
    code: c.cca3,
    alpha2: c.cca2,
    name: c.name.common,
    officialName: c.name.official,
    m49: c.ccn3 || null,
    region: c.region,
    subregion: c.subregion || null,
  }))
  .sort((a, b) => a.code.localeCompare(b.code));

const BY_CODE = new Map(ALL.map((c) => [c.code, c]));

export function allCountries(): readonly CountryRecord[] {
  return ALL;
}

export function findCountry(code: string): CountryRecord | undefined {
  return BY_CODE.get(code);
}

export function isCountryCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** Codes of the countries in a region (as named by `CountryRecord.region`), case-insensitively. */
export function countryCodesInRegion(region: string): string[] {
  const wanted = region.toLowerCase();
  return ALL.filter((c) => c.region.toLowerCase() === wanted || c.subregion?.toLowerCase() === wanted).map((c) => c.code);
}
