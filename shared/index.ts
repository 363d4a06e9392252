/**
 * Salyk — the library entry point. Pure, offline domain code: no AWS, no network.
 *
 * @example
 * import { validateIdentifier, precheckEsf, assessVat } from 'salyk';
 */
export * from './identifiers/index.js';
export { precheckEsf, type EsfPrecheckRequest, type EsfPrecheckResult, type Finding, type FindingCode } from './esf/precheck.js';
export { assessVat, type VatAssessmentRequest, type VatAssessment } from './vat/assess.js';
export { rateFor, ratesOn, RulesCoverageError } from './vat/rates.js';
export { filingCalendar, filingFor } from './vat/filing.js';
export { assessKzResidency, InvalidStaysError, type KzResidencyRequest, type KzResidencyResult } from './residency/kz.js';
export { RULES, RULESET_VERSION, inForce, ruleById, ruleInForce, rulesInForce, type Reason, type Rule, type Confidence } from './rules/index.js';
export { vatAmounts, roundMoney } from './money.js';
