import type {
  COUNTRIES,
  IDENTIFIER_ERROR_CODES,
  IDENTIFIER_KINDS,
  IDENTIFIER_WARNING_CODES,
  KZ_BIN_DIVISIONS,
  KZ_BIN_ENTITY_TYPES,
} from '../enums.js';
import type { Lang } from '../i18n/languages.js';

/** Countries whose identifiers Salyk understands. */
export type Country = (typeof COUNTRIES)[number];

/** Identifier kinds: KZ IIN (person) / BIN (business); KG INN (taxpayer) / PIN (person). */
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** Stable error codes of the v1 contract. */
export type IdentifierErrorCode = (typeof IDENTIFIER_ERROR_CODES)[number];

/** Stable warning codes of the v1 contract. */
export type IdentifierWarningCode = (typeof IDENTIFIER_WARNING_CODES)[number];

export interface Issue<C extends string> {
  code: C;
  message: string;
}

export type IdentifierError = Issue<IdentifierErrorCode>;
export type IdentifierWarning = Issue<IdentifierWarningCode>;

/** What the digits of a KZ IIN say. */
export interface KzIinDetails {
  holder: 'individual';
  birthDate: string;
  sex: 'male' | 'female';
}

export type KzBinEntityType = (typeof KZ_BIN_ENTITY_TYPES)[number];
export type KzBinDivision = (typeof KZ_BIN_DIVISIONS)[number];

/** What the digits of a KZ BIN say. */
export interface KzBinDetails {
  holder: 'legal_entity' | 'individual_entrepreneur';
  /** Year and month of (re)registration, `YYYY-MM`. */
  registered: string;
  entityType: KzBinEntityType;
  division: KzBinDivision;
}

/** What the digits of a KG INN/PIN say (structure only: no check digit is published). */
export interface KgDetails {
  holder: 'legal_entity' | 'individual';
  /** Organisation's registration date (first digit 0). */
  registeredOn?: string;
  /** Individual's birth date (first digit 1, 2 or 4). */
  birthDate?: string;
  /** First digit 4: a foreign national's or stateless person's PIN. */
  foreignNational?: boolean;
}

export type IdentifierDetails = KzIinDetails | KzBinDetails | KgDetails | Record<string, never>;

/**
 * The one fix Salyk proposes: the value with the leading zeros a spreadsheet dropped put back. Given only when
 * exactly one padded reading is valid, so that a tool may apply it without asking.
 */
export interface IdentifierSuggestion {
  value: string;
  reason: 'LEADING_ZERO_LOST';
}

/** Options of a single check. */
export interface ValidateOptions {
  /** The country the value must belong to; inferred from the length when absent. */
  country?: Country;
  /** The kind the caller expects; a contradiction is `KIND_MISMATCH`. */
  kind?: IdentifierKind;
  /** The date the check is made on (`YYYY-MM-DD`), for future-date warnings. Defaults to today (UTC). */
  asOf?: string;
  /** The language of the `message` texts: `ru`, `kk`, `ky` or `en` (default). Codes never change with it. */
  lang?: Lang;
  /**
   * How `UNKNOWN_COUNTRY` names the way to give the country, as the caller's user would type it: `"country"` (the
   * default, the library and API field), `--country` for the CLI.
   */
  countryOption?: string;
}

/** The result of checking one identifier, as the v1 contract describes it (without the audit `checkId`). */
export interface IdentifierResult {
  valid: boolean;
  country: Country | null;
  kind: IdentifierKind | null;
  normalized: string | null;
  errors: IdentifierError[];
  warnings: IdentifierWarning[];
  suggestion?: IdentifierSuggestion;
  details: IdentifierDetails;
}
