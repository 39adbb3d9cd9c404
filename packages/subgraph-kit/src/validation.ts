import { isCountryCode } from "@concert/countries";
import { badUserInput } from "./errors.js";

/**
 * Checks of user input shared by every subgraph: each raises BAD_USER_INPUT naming the offending
 * field (`extensions.field`) and returns the value as it is to be stored.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The formats of codes clients write. */
export const CODE_FORMATS = {
  /** A registered partner: 2–16 capital letters or digits, starting with a letter (a government's is its ISO alpha-3 code). */
  partner: { pattern: /^[A-Z][A-Z0-9]{1,15}$/, description: "2–16 capital letters or digits, starting with a letter" },
  /** A partner or group (forum) named in `releasableTo` or as a contributor. */
  audience: { pattern: /^[A-Z0-9][A-Z0-9_-]{1,31}$/, description: "2–32 capital letters, digits, hyphens or underscores" },
  /** A mission acronym, e.g. MINUSCA or UNMISS-2. */
  acronym: { pattern: /^[A-Z][A-Z0-9-]{1,15}$/, description: "2 to 16 capitals, digits or hyphens, starting with a letter" },
} as const;

export type CodeFormat = keyof typeof CODE_FORMATS;

/** Today's date (UTC) as YYYY-MM-DD. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The last day of something that ends now. */
export function yesterday(): string {
  return new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
}

/** A real calendar day written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** A calendar day written YYYY-MM-DD; with `notAfterToday`, not in the future. */
export function requireDate(field: string, value: string, { notAfterToday = false } = {}): string {
  if (!isIsoDate(value)) throw badUserInput(field, `${value} is not a date (YYYY-MM-DD)`);
  if (notAfterToday && value > today()) throw badUserInput(field, "must not be in the future");
  return value;
}

/** A date where one is given; null and undefined pass. */
export function optionalDate(field: string, value: string | null | undefined, options: { notAfterToday?: boolean } = {}): void {
  if (value !== null && value !== undefined) requireDate(field, value, options);
}

/** Two optional dates, the second not before the first. */
export function dateRange(fromField: string, from: string | null | undefined, toField: string, to: string | null | undefined): void {
  optionalDate(fromField, from);
  optionalDate(toField, to);
  if (from && to && to < from) throw badUserInput(toField, `must not be before ${fromField}`);
}

/** A month written YYYY-MM. */
export function requireMonth(field: string, value: string): string {
  if (!MONTH.test(value)) throw badUserInput(field, `${value} is not a month (YYYY-MM)`);
  return value;
}

/** A non-empty text; returns it trimmed. */
export function requireText(field: string, value: string): string {
  const text = value.trim();
  if (text === "") throw badUserInput(field, "must not be empty");
  return text;
}

/** A count of units, people or places: a whole number, at least `min`; undefined passes. */
export function requireCount(field: string, value: number | null | undefined, min = 0): void {
  if (value === undefined || value === null) return;
  if (!Number.isInteger(value) || value < min) throw badUserInput(field, `must be a whole number of at least ${min}`);
}

/** A number within [min, max]; null and undefined pass. */
export function requireRange(field: string, value: number | null | undefined, min: number, max: number): void {
  if (value === undefined || value === null) return;
  if (!(value >= min && value <= max)) throw badUserInput(field, `must be between ${min} and ${max}`);
}

/** Whether `value` is written in the code format `format`. */
export function isCode(format: CodeFormat, value: string): boolean {
  return CODE_FORMATS[format].pattern.test(value);
}

/** A code in the format `format`. */
export function requireCode(field: string, format: CodeFormat, value: string, what = "code"): string {
  if (!isCode(format, value)) throw badUserInput(field, `${value} is not a ${what}: ${CODE_FORMATS[format].description}`);
  return value;
}

/** An ISO 3166-1 alpha-3 country code. */
export function requireCountry(field: string, code: string): string {
  if (!isCountryCode(code)) throw badUserInput(field, `${code} is not an ISO 3166-1 alpha-3 country code`);
  return code;
}
