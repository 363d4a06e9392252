/** How the CLI calls the library: its language, and its own name for the country option (in UNKNOWN_COUNTRY). */
import type { Lang } from '../shared/i18n/index.js';
import { t } from '../shared/i18n/index.js';
import type { Country, IdentifierResult, ValidateOptions } from '../shared/identifiers/types.js';

/** Options of one check as the CLI passes them. */
export interface LibraryOptions {
  country?: Country;
  asOf?: string;
  lang: Lang;
}

/** The options `validateIdentifier` takes, with the CLI's name for the country option (for UNKNOWN_COUNTRY). */
export function libraryOptions(options: LibraryOptions): ValidateOptions {
  const { country, asOf, lang } = options;
  return { ...(country ? { country } : {}), ...(asOf ? { asOf } : {}), lang, countryOption: '--country' };
}

/** A non-blank row whose TIN cell is empty: its own code, not two length errors. */
export function emptyValue(options: LibraryOptions): IdentifierResult {
  return {
    valid: false,
    country: options.country ?? null,
    kind: null,
    normalized: null,
    errors: [{ code: 'EMPTY_VALUE', message: t('EMPTY_VALUE', options.lang) }],
    warnings: [],
    details: {},
  };
}
