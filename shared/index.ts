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
  precheckEsf,
} from './esf/precheck.js';
export * from './identifiers/index.js';
export { roundMoney, vatAmounts } from './money.js';
export {
  assessKzResidency,
  type KzResidencyRequest,
  type KzResidencyResult,
} from './residency/kz.js';
export {
  type Confidence,
  inForce,
  type Reason,
  RULES,
  RULESET_VERSION,
  type Rule,
  ruleById,
  ruleInForce,
  rulesInForce,
} from './rules/index.js';
export { assessVat, type VatAssessment, type VatAssessmentRequest } from './vat/assess.js';
export { filingCalendar, filingFor } from './vat/filing.js';
export { rateFor, ratesOn } from './vat/rates.js';
