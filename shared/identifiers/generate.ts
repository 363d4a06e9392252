/**
 * Test numbers for integrators: valid KZ IIN/BIN and KG INN/PIN with chosen contents, and deliberately
 * invalid ones that fail in one known way. Deterministic by seed, so a test suite gets the same numbers every run.
 * Pure: no `node:` imports, no clock (default dates come from fixed ranges, not from today).
 */
import { daysInMonth, isLeapYear, isRealDate, pad2 } from '../calendar.js';
import { kzCheckDigit } from './kz.js';
import type { KzBinDivision, KzBinEntityType } from './types.js';

interface GenerateBase {
  /** Seeds the number stream (any 32-bit integer); the same seed and options give the same numbers. Random when absent. */
  seed?: number;
}

/** Options for a KZ IIN (a person's number: `YYMMDD C SSSS K`). */
export interface KzIinGenerateOptions extends GenerateBase {
  country: 'KZ';
  kind: 'IIN';
  /** Birth date `YYYY-MM-DD`, 1800-01-01 to 2099-12-31; the 7th digit encodes its century with the sex. */
  birthDate?: string;
  /** Century of a random birth date (years 1800-1899, 1900-1999 or 2000-2099); ignored when `birthDate` is given. */
  century?: 1800 | 1900 | 2000;
  sex?: 'male' | 'female';
  /**
   * Make the number invalid in one way: `checksum` (wrong check digit), `date` (an impossible birth date; the year,
   * century and sex are kept), `leading-zero` (a number starting with 0, printed without it: needs a year ending 00-09).
   */
  invalid?: 'checksum' | 'date' | 'leading-zero';
}

/** Options for a KZ BIN (a business number: `YYMM T A SSSSS K`). */
export interface KzBinGenerateOptions extends GenerateBase {
  country: 'KZ';
  kind: 'BIN';
  /**
   * Registration year and month `YYYY-MM`. Only `YY` is encoded: validators read it as the latest such year not
   * after the check date, so years up to 99 years back decode as given.
   */
  registered?: string;
  entityType?: KzBinEntityType;
  division?: KzBinDivision;
  /** `checksum`, `date` (a month outside 01-12) or `leading-zero` (needs a year ending 00-09). */
  invalid?: 'checksum' | 'date' | 'leading-zero';
}

/** Options for a KG INN of an organisation (first digit 0, then the registration date `DDMMYYYY`). */
export interface KgInnGenerateOptions extends GenerateBase {
  country: 'KG';
  kind: 'INN';
  /** Registration date `YYYY-MM-DD`. */
  registeredOn?: string;
  /** KG numbers have no check digit: only `date` or `leading-zero` (every organisation INN starts with 0). */
  invalid?: 'date' | 'leading-zero';
}

/** Options for a KG PIN of an individual (first digit 1 or 2, or 4 for a foreign national, then `DDMMYYYY`). */
export interface KgPinGenerateOptions extends GenerateBase {
  country: 'KG';
  kind: 'PIN';
  /** Birth date `YYYY-MM-DD`. */
  birthDate?: string;
  /** A foreign national's or stateless person's PIN (first digit 4). */
  foreignNational?: boolean;
  /** Only `date`: a PIN never starts with 0 and has no check digit. */
  invalid?: 'date';
}

/** What to generate: the country and kind pick which other fields apply. */
export type GenerateOptions = KzIinGenerateOptions | KzBinGenerateOptions | KgInnGenerateOptions | KgPinGenerateOptions;

/** The ways a generated number can be made invalid (not every kind supports every way). */
export type InvalidityKind = NonNullable<GenerateOptions['invalid']>;

/** Options that cannot produce a number (a malformed date, a leading zero the date cannot give, ...). */
export class GenerateOptionsError extends Error {
  override readonly name = 'GenerateOptionsError';
}

/** A seeded uniform source of integers. */
type Random = (min: number, max: number) => number;

const SEXES: readonly ('male' | 'female')[] = ['male', 'female'];

/**
 * mulberry32: a tiny 32-bit PRNG, plenty for test data (not for secrets). Returns integers in `[min, max]`.
 */
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return (min, max) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return min + Math.floor(unit * (max - min + 1));
  };
}

interface Ymd {
  year: number;
  month: number;
  day: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

function parseDate(value: string, field: string, minYear: number, maxYear: number): Ymd {
  const m = DATE.exec(value);
  const ymd = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
  if (!ymd || !isRealDate(ymd.year, ymd.month, ymd.day) || ymd.year < minYear || ymd.year > maxYear) {
    throw new GenerateOptionsError(`${field} must be a real date YYYY-MM-DD from ${minYear} to ${maxYear}`);
  }
  return ymd;
}

function parseMonth(value: string, field: string): { year: number; month: number } {
  const m = MONTH.exec(value);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) throw new GenerateOptionsError(`${field} must be YYYY-MM with a month 01-12`);
  return { year, month };
}

/** A uniformly random real date in `[fromYear, toYear]`. */
function randomDate(random: Random, fromYear: number, toYear: number): Ymd {
  const year = random(fromYear, toYear);
  const month = random(1, 12);
  return { year, month, day: random(1, daysInMonth(year, month)) };
}

/** A lost leading zero needs a number that starts with 0: a year ending 00-09. */
function requireLeadingZeroYear(year: number): void {
  if (year % 100 > 9) throw new GenerateOptionsError(`a lost leading zero needs a year ending 00-09, not ${year}`);
}

function pick<T>(random: Random, values: readonly T[]): T {
  return values[random(0, values.length - 1)] as T;
}

/** Month/day digits (`MM`, `DD`) that name no real date in `year`; the day tens stay 0-3 so a KZ IIN stays an IIN. */
function impossibleMonthDay(random: Random, year: number): { mm: string; dd: string } {
  switch (random(0, 3)) {
    case 0: // month 00 or 13-19
      return { mm: pad2(random(0, 7) === 0 ? 0 : random(13, 19)), dd: pad2(random(1, 28)) };
    case 1: // day 00
      return { mm: pad2(random(1, 12)), dd: '00' };
    case 2: {
      // a day past the month's end, up to 39
      const month = random(1, 12);
      return { mm: pad2(month), dd: pad2(random(daysInMonth(year, month) + 1, 39)) };
    }
    default: // 29 February in a common year, else 30 February
      return { mm: '02', dd: isLeapYear(year) ? '30' : '29' };
  }
}

/**
 * Appends the KZ check digit to an 11-digit prefix built by `prefix(serial)`, drawing serials until one has a check
 * digit (about 1 prefix in 121 has none: both passes give 10, and no such number is issued).
 */
function withKzCheckDigit(random: Random, serialMax: number, prefix: (serial: number) => string): string {
  for (;;) {
    const digits = prefix(random(0, serialMax));
    const check = kzCheckDigit(digits);
    if (check !== null) return `${digits}${check}`;
  }
}

/** Replaces a correct last digit with one of the nine wrong ones. */
function spoilCheckDigit(random: Random, value: string): string {
  const right = value.charCodeAt(value.length - 1) - 48;
  return `${value.slice(0, -1)}${(right + random(1, 9)) % 10}`;
}

const CENTURY_DIGIT_BASE: Record<number, number> = { 1800: 1, 1900: 3, 2000: 5 };

/** The birth date to encode: the given one, or a random one (from 1940-2019 unless a century is asked for). */
function iinBirthDate(options: KzIinGenerateOptions, random: Random): Ymd {
  const given = options.birthDate === undefined ? null : parseDate(options.birthDate, 'birthDate', 1800, 2099);
  const century = options.century;
  if (century !== undefined && CENTURY_DIGIT_BASE[century] === undefined) {
    throw new GenerateOptionsError(`century must be 1800, 1900 or 2000, not ${century}`);
  }
  if (options.invalid === 'leading-zero') {
    if (given) requireLeadingZeroYear(given.year);
    const start = century ?? pick(random, [1900, 2000]);
    return given ?? randomDate(random, start, start + 9);
  }
  return given ?? (century ? randomDate(random, century, century + 99) : randomDate(random, 1940, 2019));
}

function kzIin(options: KzIinGenerateOptions, random: Random): string {
  const date = iinBirthDate(options, random);
  const sex = options.sex ?? pick(random, SEXES);
  if (!SEXES.includes(sex)) throw new GenerateOptionsError(`sex must be male or female, not ${sex}`);
  // 7th digit: 1/2 for the 1800s, 3/4 for the 1900s, 5/6 for the 2000s; odd for men.
  const centuryDigit = (CENTURY_DIGIT_BASE[date.year - (date.year % 100)] as number) + (sex === 'female' ? 1 : 0);
  const { mm, dd } =
    options.invalid === 'date' ? impossibleMonthDay(random, date.year) : { mm: pad2(date.month), dd: pad2(date.day) };
  const yy = pad2(date.year % 100);
  const value = withKzCheckDigit(random, 9999, (s) => `${yy}${mm}${dd}${centuryDigit}${String(s).padStart(4, '0')}`);
  return finishKz(options.invalid, random, value);
}

const ENTITY_DIGIT: Record<KzBinEntityType, number> = {
  resident_legal_entity: 4,
  non_resident_legal_entity: 5,
  joint_individual_entrepreneur: 6,
};
const ENTITY_TYPES = Object.keys(ENTITY_DIGIT) as KzBinEntityType[];
const DIVISION_DIGIT: Record<KzBinDivision, number> = {
  head_office: 0,
  branch: 1,
  representative_office: 2,
  other_subdivision_or_peasant_farm: 3,
  peasant_farm: 4,
};
const DIVISIONS = Object.keys(DIVISION_DIGIT) as KzBinDivision[];

function kzBin(options: KzBinGenerateOptions, random: Random): string {
  const given = options.registered === undefined ? null : parseMonth(options.registered, 'registered');
  if (given && options.invalid === 'leading-zero') requireLeadingZeroYear(given.year);
  const year = given?.year ?? (options.invalid === 'leading-zero' ? random(2000, 2009) : random(1995, 2024));
  const month = options.invalid === 'date' ? pick(random, [0, random(13, 99)]) : (given?.month ?? random(1, 12));
  const entity = ENTITY_DIGIT[options.entityType ?? pick(random, ENTITY_TYPES)];
  // Real BINs are nearly all head offices (0) and branches (1); other divisions only when asked for.
  const division = options.division === undefined ? random(0, 1) : DIVISION_DIGIT[options.division];
  if (entity === undefined) throw new GenerateOptionsError(`entityType must be one of ${ENTITY_TYPES.join(', ')}`);
  if (division === undefined) throw new GenerateOptionsError(`division must be one of ${DIVISIONS.join(', ')}`);
  const head = `${pad2(year % 100)}${pad2(month)}${entity}${division}`;
  const value = withKzCheckDigit(random, 99999, (s) => `${head}${String(s).padStart(5, '0')}`);
  return finishKz(options.invalid, random, value);
}

function finishKz(invalid: KzIinGenerateOptions['invalid'], random: Random, value: string): string {
  if (invalid === 'checksum') return spoilCheckDigit(random, value);
  if (invalid === 'leading-zero') return value.slice(1);
  return value;
}

function kg(options: KgInnGenerateOptions | KgPinGenerateOptions, random: Random): string {
  const organisation = options.kind === 'INN';
  const field = organisation ? 'registeredOn' : 'birthDate';
  const raw = organisation ? options.registeredOn : options.birthDate;
  const date = raw === undefined ? null : parseDate(raw, field, 1800, 2099);
  const ymd = date ?? (organisation ? randomDate(random, 1992, 2024) : randomDate(random, 1940, 2019));
  const first = organisation ? 0 : options.foreignNational ? 4 : random(1, 2);
  const { mm, dd } =
    options.invalid === 'date' ? impossibleMonthDay(random, ymd.year) : { mm: pad2(ymd.month), dd: pad2(ymd.day) };
  const value = `${first}${dd}${mm}${String(ymd.year).padStart(4, '0')}${String(random(0, 99999)).padStart(5, '0')}`;
  return options.invalid === 'leading-zero' ? value.slice(1) : value;
}

function checkInvalidity(options: GenerateOptions): void {
  const allowed: Record<string, readonly string[]> = {
    'KZ IIN': ['checksum', 'date', 'leading-zero'],
    'KZ BIN': ['checksum', 'date', 'leading-zero'],
    'KG INN': ['date', 'leading-zero'],
    'KG PIN': ['date'],
  };
  const key = `${options.country} ${options.kind}`;
  const ways = allowed[key];
  if (!ways) throw new GenerateOptionsError(`no ${options.kind} in ${options.country}: use KZ IIN/BIN or KG INN/PIN`);
  if (options.invalid !== undefined && !ways.includes(options.invalid)) {
    throw new GenerateOptionsError(`a ${key} cannot be made invalid by "${options.invalid}"; use ${ways.join(', ')}`);
  }
}

function generateWith(options: GenerateOptions, random: Random): string {
  switch (options.kind) {
    case 'IIN':
      return kzIin(options, random);
    case 'BIN':
      return kzBin(options, random);
    default:
      return kg(options, random);
  }
}

/**
 * Makes `count` test identifiers from one seeded stream: valid ones by default, or ones invalid in the chosen way.
 *
 * @throws {GenerateOptionsError} when the options cannot produce such a number
 * @example
 * generateIdentifiers(3, { country: 'KZ', kind: 'IIN', birthDate: '1995-07-12', sex: 'female', seed: 1 })
 * // three IINs starting 9507124…, all valid
 */
export function generateIdentifiers(count: number, options: GenerateOptions): string[] {
  checkInvalidity(options);
  if (!Number.isInteger(count) || count < 0) throw new GenerateOptionsError('count must be a whole number ≥ 0');
  const random = seededRandom(options.seed ?? Math.floor(Math.random() * 4294967296));
  const out: string[] = new Array(count);
  for (let i = 0; i < count; i++) out[i] = generateWith(options, random);
  return out;
}

/**
 * Makes one test identifier (the first of {@link generateIdentifiers} for the same options).
 *
 * @throws {GenerateOptionsError} when the options cannot produce such a number
 * @example
 * generateIdentifier({ country: 'KZ', kind: 'BIN', registered: '2004-05', invalid: 'leading-zero', seed: 7 })
 * // an 11-digit value: a valid BIN 0405… without its leading 0
 */
export function generateIdentifier(options: GenerateOptions): string {
  return generateIdentifiers(1, options)[0] as string;
}
