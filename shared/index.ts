/**
 * Salyk — the library entry point. Pure, offline domain code: no AWS, no network.
 *
 * @example
 * import { validateIdentifier, precheckEsf, assessVat } from 'salyk';
 */

export {
  AuditUnavailableError,
  InvalidCursorError,
  InvalidDateError,
  InvalidStaysError,
  RulesCoverageError,
  SalykError,
} from './errors.js';
export {
  type EsfPrecheckRequest,
  type EsfPrecheckResult,
  type Finding,
  type FindingCode,
  type PartyType,
  type PrecheckOptions,
  precheckEsf,
} from './esf/precheck.js';
export { DEFAULT_LANG, LANGUAGES, type Lang } from './i18n/languages.js';
export * from './identifiers/index.js';
export { roundMoney, vatAmounts } from './money.js';
export {
  assessKzResidency,
  type DayWindow,
  type DecidedBy,
  type KzResidencyOptions,
  type KzResidencyRequest,
  type KzResidencyResult,
  type Stay,
} from './residency/kz.js';
export {
  type Confidence,
  inForce,
  type Reason,
  RULES,
  RULES_CHANGELOG,
  RULESET_VERSION,
  type Rule,
  type RuleChange,
  type RulesetRelease,
  ruleById,
  ruleInForce,
  rulesChangesSince,
  rulesInForce,
} from './rules/index.js';
export {
  type AnswerOptions,
  assessVat,
  type Regime,
  type Registration,
  type TaxAgentDuties,
  type VatAssessment,
  type VatAssessmentRequest,
} from './vat/assess.js';
export { filingCalendar, filingFor } from './vat/filing.js';
export { rateFor, ratesOn } from './vat/rates.js';
