/**
 * The one place where the CLI passes library options that main's types may not know yet.
 *
 * LEAD, at merge with the library-i18n branch: `validateIdentifier(value, { lang, countryOption })` and the
 * `EMPTY_VALUE` error code are that branch's interface. Once it is merged, replace `LibraryOptions` by
 * `ValidateOptions`, drop the two casts below, and run test/cli/validate-files.test.ts (its `messages` column
 * language and `--country` wording checks only pass with that branch).
 */
import type { Lang } from '../shared/i18n/index.js';
import { t } from '../shared/i18n/index.js';
import type { Country, IdentifierErrorCode, IdentifierResult, ValidateOptions } from '../shared/identifiers/types.js';
import { assessVat, type VatAssessment, type VatAssessmentRequest } from '../shared/vat/assess.js';

/** Options of one check as the CLI passes them. */
export interface LibraryOptions {
  country?: Country;
  asOf?: string;
  lang: Lang;
}

/** The options `validateIdentifier` takes, with the CLI's name for the country option (for UNKNOWN_COUNTRY). */
export function libraryOptions(options: LibraryOptions): ValidateOptions {
  const { country, asOf, lang } = options;
  const passed = { ...(country ? { country } : {}), ...(asOf ? { asOf } : {}), lang, countryOption: '--country' };
  return passed as ValidateOptions;
}

/** A non-blank row whose TIN cell is empty: its own code, not two length errors. */
export function emptyValue(options: LibraryOptions): IdentifierResult {
  return {
    valid: false,
    country: options.country ?? null,
    kind: null,
    normalized: null,
    errors: [{ code: 'EMPTY_VALUE' as IdentifierErrorCode, message: t('EMPTY_VALUE', options.lang) }],
    warnings: [],
    details: {},
  };
}

/** `assessVat(request, { lang })`: the agreed library interface (LEAD: drop the cast once assessVat takes options). */
export function assessVatIn(request: VatAssessmentRequest, language: Lang): VatAssessment {
  return (assessVat as (r: VatAssessmentRequest, o: { lang: Lang }) => VatAssessment)(request, { lang: language });
}
