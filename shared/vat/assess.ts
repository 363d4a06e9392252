import { addBusinessDays, addMonths, checkDate } from '../calendar.js';
import type { BUYER_TYPES, LIABLE_PARTIES, REGIMES, SUPPLY_CATEGORIES } from '../enums.js';
import { RulesCoverageError } from '../errors.js';
import { DEFAULT_LANG, type Lang } from '../i18n/languages.js';
import { tRule as t } from '../i18n/rules.js';
import type { Country } from '../identifiers/types.js';
import { vatAmounts } from '../money.js';
import {
  type AnswerConfidence,
  answerConfidence,
  type Currency,
  EAEU_MEMBERS,
  type Reason,
  RULESET_VERSION,
  type RuleOf,
  type RuleTopic,
  reasonFrom,
  reasonIn,
  ruleById,
  ruleInForce,
  type SellerActivity,
  type TaxAgentRecord,
} from '../rules/index.js';
import { type FilingObligation, filingFor } from './filing.js';
import { type AppliedRate, rateFor, requireRule } from './rates.js';

export type Regime = (typeof REGIMES)[number];

/** The `POST /v1/vat/assess` request. */
export interface VatAssessmentRequest {
  country: Country;
  date: string;
  seller: {
    residence: string;
    regime?: Regime;
    vatRegistered?: boolean;
    htpResident?: boolean;
    /** KG: traders have a higher single-tax ceiling (the VAT trigger) than services; default `services`. */
    activity?: SellerActivity;
    turnover12m?: number;
    firstSaleDate?: string;
  };
  buyer: { type: (typeof BUYER_TYPES)[number]; residence: string; vatRegistered?: boolean; htpResident?: boolean };
  supply: {
    category: (typeof SUPPLY_CATEGORIES)[number];
    net?: number;
    destination?: string;
    itServices?: boolean;
  };
}

export interface Registration {
  required: boolean;
  deadline?: string;
  route?: string;
  threshold?: { amount: number; currency: Currency; basis: string };
}

/** What a buyer paying the VAT for a non-resident does: set exactly when `liableParty` is `buyer_tax_agent`. */
export interface TaxAgentDuties {
  /** The buyer pays (withholds) the VAT for the non-resident seller. */
  paysVat: true;
  /** The buyer issues the ESF on the non-resident's behalf (KZ from 2026, for a VAT-registered buyer). */
  issuesEsf: boolean;
  /** What the buyer keeps to support the VAT it paid and its offset (from the rules data; may be empty). */
  keeps: TaxAgentRecord[];
  /** The rules row these duties come from. */
  ruleId: string;
}

/** Options every library entry takes. */
export interface AnswerOptions {
  /** Language of the reason texts (default `en`, the v1 contract's wording). */
  lang?: Lang;
}

/** The decision, without the audit `checkId`. */
export interface VatAssessment extends AnswerConfidence {
  vatApplies: boolean;
  rate: number;
  liableParty: (typeof LIABLE_PARTIES)[number];
  registration: Registration;
  /** The return the VAT is reported in, and whose it is (`filedBy`); `null` when no VAT is due. */
  filing: FilingObligation | null;
  taxAgent?: TaxAgentDuties;
  amounts?: { net: number; vat: number; gross: number };
  evidence?: string[];
  /** False when the seller's regime bars reclaiming input VAT. */
  inputVatReclaimable?: boolean;
  /** The country whose VAT the decision describes (the buyer's, under the EAEU e-services protocol). */
  vatCountry: string;
  reasons: Reason[];
  rulesetVersion: string;
}

type Decision = Omit<VatAssessment, 'amounts' | 'rulesetVersion' | 'vatCountry' | 'confidence' | 'confidenceFrom'> & {
  vatCountry?: string;
};

/** A request and the language its reasons are written in. */
type Ask = VatAssessmentRequest & { lang: Lang };

/**
 * Rows an assessment cites to explain, not to decide, whether VAT is due, by whom and at what rate: when the
 * return is due, which documents to keep, whether input VAT is reclaimable, and the EAEU para. 11 caveat
 * (whose cases are unknown, so it changes no outcome). They do not lower the answer's confidence.
 */
const EXPLAINING: ReadonlySet<RuleTopic> = new Set<RuleTopic>([
  'vat.filing',
  'vat.export_evidence',
  'vat.input_vat.not_reclaimable',
  'vat.eaeu_eservices.b2b_exception',
]);

/** The answer-level confidence: the weakest among the reasons whose rows decided the outcome. */
function vatConfidence(reasons: readonly Reason[]): AnswerConfidence {
  return answerConfidence(
    reasons.filter((r) => {
      const topic = ruleById(r.ruleId)?.topic;
      return topic === undefined || !EXPLAINING.has(topic);
    }),
  );
}

const isEaeu = (country: string) => (EAEU_MEMBERS as readonly string[]).includes(country);
const isRulesCountry = (country: string): country is Country => country === 'KG' || country === 'KZ';

/**
 * Works out who owes VAT on one kind of supply, at what rate, whether and by when the seller must
 * register, and when the return is due — every step read from the dated rules rows and cited in `reasons`.
 */
export function assessVat(request: VatAssessmentRequest, options: AnswerOptions = {}): VatAssessment {
  checkDate('date', request.date);
  if (request.seller.firstSaleDate !== undefined) checkDate('seller.firstSaleDate', request.seller.firstSaleDate);
  const decision = decide({ ...request, lang: options.lang ?? DEFAULT_LANG });
  const net = request.supply.net;
  return {
    ...decision,
    vatCountry: decision.vatCountry ?? request.country,
    ...vatConfidence(decision.reasons),
    ...(net === undefined ? {} : { amounts: vatAmounts(net, decision.vatApplies ? decision.rate : 0) }),
    rulesetVersion: RULESET_VERSION,
  };
}

function decide(req: Ask): Decision {
  const { country, date, seller, buyer, supply } = req;
  requireRule('vat.rate.standard', country, date); // refuses dates the rules data does not cover

  const eaeu = ruleInForce('vat.eaeu_eservices', 'EAEU', date);
  if (
    eaeu &&
    supply.category === 'electronic_services' &&
    seller.residence !== buyer.residence &&
    isEaeu(seller.residence) &&
    isEaeu(buyer.residence)
  ) {
    return eaeuEServices(req, eaeu);
  }
  if (seller.residence !== country) return nonResidentSeller(req);
  return residentSeller(req);
}

/** Between EAEU states, listed e-services bear the VAT of the buyer's state; the supplier registers there. */
function eaeuEServices(req: Ask, eaeu: RuleOf<'vat.eaeu_eservices'>): Decision {
  const { date, buyer, seller, lang } = req;
  const vatCountry = buyer.residence;
  if (!isRulesCountry(vatCountry)) {
    const text = t('REASON.vatCountryNotCovered', lang, { country: vatCountry });
    return { ...notApplicable([]), vatCountry, reasons: [reasonIn(eaeu, lang, text)] };
  }
  const reasons = [reasonIn(eaeu, lang)];
  const { rate, reason } = rateFor(vatCountry, date);
  reasons.push(localised(reason, lang));
  if (buyer.type === 'business')
    reasons.push(reasonIn(requireRule('vat.eaeu_eservices.b2b_exception', 'EAEU', date), lang));
  const national = ruleInForce('vat.registration.nonresident_eservices', vatCountry, date);
  const firstSale = seller.firstSaleDate ?? date;
  const filing = filingFor(vatCountry, 'nonresident_eservices', date);
  reasons.push(filingReason(filing.rule, 'seller', lang));
  return {
    vatApplies: true,
    rate,
    liableParty: 'seller',
    vatCountry,
    registration: {
      required: true,
      route: `VAT registration in ${vatCountry} under the EAEU e-services protocol${national ? `: ${national.route}` : ''}`,
      ...(national ? { deadline: registrationDeadline(national, firstSale) } : {}),
    },
    filing: filing.filing,
    evidence: [
      'buyer location evidence: registration / branch / PE / place of management (business) or residence, bank, IP address, phone code (consumer)',
    ],
    reasons,
  };
}

function nonResidentSeller(req: Ask): Decision {
  const { country, date, buyer, supply, lang } = req;
  if (buyer.residence !== country) {
    return notApplicable([reasonIn(requireRule('vat.place_of_supply.abroad', country, date), lang)]);
  }
  if (supply.category === 'goods') return notApplicable([reasonIn(requireRule('vat.import', country, date), lang)]);

  if (supply.category === 'electronic_services') {
    const registration = ruleInForce('vat.registration.nonresident_eservices', country, date);
    if (registration && (buyer.type === 'consumer' || registration.scope === 'b2b_and_b2c')) {
      return sellerRegisters(req, registration);
    }
    // A business buyer of e-services outside the seller-registration regime accounts for the VAT itself.
    if (buyer.type === 'business') {
      const b2b = ruleInForce('vat.nonresident_eservices.b2b', country, date);
      if (b2b?.liable === 'buyer_tax_agent') {
        // The row speaks of a VAT payer; a buyer sent as not registered gets a statement about itself.
        const lead =
          buyer.vatRegistered === false
            ? reasonFrom(b2b, t('REASON.b2bBuyerNotRegistered', lang))
            : reasonIn(b2b, lang);
        return taxAgent(req, [lead]);
      }
    }
  }

  if (buyer.type === 'consumer') {
    const noDuty = requireRule('vat.nonresident_services.b2c', country, date);
    // E-services reach here only before the country's foreign e-services regime: say so, not "ordinary services".
    return notApplicable([
      supply.category === 'electronic_services'
        ? reasonFrom(noDuty, t('REASON.noEservicesRegime', lang, { country, date }))
        : reasonIn(noDuty, lang),
    ]);
  }
  return taxAgent(req, []);
}

/** A foreign e-services seller registered under the country's regime charges the VAT itself. */
function sellerRegisters(req: Ask, registration: RuleOf<'vat.registration.nonresident_eservices'>): Decision {
  const { country, date, buyer, seller, lang } = req;
  const { rate, reason } = rateFor(country, date);
  const reasons = [reasonIn(registration, lang), localised(reason, lang)];
  const placeOfSupply = ruleInForce('vat.eservices.place_of_supply', country, date);
  if (placeOfSupply) reasons.push(reasonIn(placeOfSupply, lang));
  if (buyer.type === 'business') {
    const b2b = ruleInForce('vat.nonresident_eservices.b2b', country, date);
    if (b2b) reasons.push(reasonIn(b2b, lang));
  }
  const filing = filingFor(country, 'nonresident_eservices', date);
  reasons.push(filingReason(filing.rule, 'seller', lang));
  return {
    vatApplies: true,
    rate,
    liableParty: 'seller',
    registration: {
      required: true,
      deadline: registrationDeadline(registration, seller.firstSaleDate ?? date),
      route: registration.route,
      threshold: { amount: 0, currency: currencyOf(country), basis: t('REASON.noThreshold', lang) },
    },
    filing: filing.filing,
    reasons,
  };
}

/**
 * The buyer pays the VAT for the non-resident as tax agent — unless the HTP exemption for IT services lifts the
 * duty. The reasons say who pays, that the seller does not register, whose return it is and what the buyer keeps.
 */
function taxAgent(req: Ask, reasons: Reason[]): Decision {
  const { country, date, buyer, supply, lang } = req;
  const agent = requireRule('vat.tax_agent.nonresident_services', country, date);
  const htp = ruleInForce('vat.tax_agent.htp_exemption', country, date);
  if (htp && buyer.htpResident && supply.itServices) {
    return notApplicable([...reasons, reasonIn(agent, lang), reasonIn(htp, lang)]);
  }
  const registered = buyer.vatRegistered !== false;
  const duties: TaxAgentDuties = {
    paysVat: true,
    issuesEsf: agent.buyerIssuesEsf === true && registered,
    keeps: agent.buyerKeeps ?? [],
    ruleId: agent.id,
  };
  const who = registered
    ? t('REASON.taxAgent', lang, { country, issuesEsf: duties.issuesEsf, keeps: duties.keeps })
    : t('REASON.taxAgentNotRegistered', lang, { country, esfDuty: agent.buyerIssuesEsf === true });
  const { rate, reason } = rateFor(country, date);
  const filing = filingFor(country, 'resident', date, 'buyer');
  return {
    vatApplies: true,
    rate,
    liableParty: 'buyer_tax_agent',
    registration: { required: false },
    filing: filing.filing,
    taxAgent: duties,
    reasons: [
      ...reasons,
      reasonIn(agent, lang, who),
      localised(reason, lang),
      filingReason(filing.rule, 'buyer', lang),
    ],
  };
}

function residentSeller(req: Ask): Decision {
  const { country, date, seller, buyer, supply, lang } = req;
  const { registration, thresholdReasons } = residentRegistration(req);
  const regime = seller.regime;
  const specialRegime = regime
    ? ruleInForce('vat.special_regime', country, date, (r) => r.regimes.includes(regime))
    : undefined;
  // KG: exceeding the threshold ends the single tax; KZ: a special regime keeps its payers out of VAT whatever.
  if (regime && specialRegime && (specialRegime.whateverTurnover || !registration.required)) {
    const reasons = [reasonIn(specialRegime, lang)];
    const noInput = ruleInForce('vat.input_vat.not_reclaimable', country, date, (r) => r.regimes.includes(regime));
    if (noInput) reasons.push(reasonIn(noInput, lang));
    return {
      ...notApplicable(reasons),
      registration: { ...registration, required: false },
      inputVatReclaimable: false,
    };
  }

  const destination = supply.category === 'goods' ? (supply.destination ?? buyer.residence) : buyer.residence;
  if (destination !== country && supply.category !== 'goods') {
    return notApplicable([reasonIn(requireRule('vat.place_of_supply.abroad', country, date), lang)]);
  }
  const exporting = destination !== country;
  // An exporter is presumed a VAT payer (the 0% rate and its evidence matter) unless it says it is not registered.
  const liable =
    registration.required || seller.vatRegistered === true || (exporting && seller.vatRegistered !== false);
  if (!liable) return { ...notApplicable(thresholdReasons), registration };
  return residentCharges(req, registration, thresholdReasons, exporting ? destination : undefined);
}

/** A resident VAT payer charges VAT: the domestic rate, or 0% on exports with the evidence that supports it. */
function residentCharges(req: Ask, registration: Registration, reasons: Reason[], exportTo?: string): Decision {
  const { country, date, lang } = req;
  let evidence: string[] | undefined;
  let applied: AppliedRate;
  if (exportTo) {
    const supplyType = isEaeu(exportTo) ? 'eaeu_export' : 'export';
    applied = rateFor(country, date, supplyType);
    const evidenceRule = requireRule('vat.export_evidence', country, date, (r) => r.supplyType === supplyType);
    evidence = evidenceRule.documents;
    reasons.push(localised(applied.reason, lang), reasonIn(evidenceRule, lang));
  } else {
    applied = rateFor(country, date);
    reasons.push(localised(applied.reason, lang));
  }
  const filing = filingFor(country, 'resident', date);
  reasons.push(filingReason(filing.rule, 'seller', lang));
  return {
    vatApplies: true,
    rate: applied.rate,
    liableParty: 'seller',
    registration,
    filing: filing.filing,
    ...(evidence ? { evidence } : {}),
    reasons,
  };
}

/** Resident registration: turnover over the threshold in force (KZ: MCI × that year's MCI). */
function residentRegistration(req: Ask): { registration: Registration; thresholdReasons: Reason[] } {
  const { country, date, seller, lang } = req;
  // The lower (services) ceiling is the default: it never tells a trader too late that it must register.
  const activity = seller.activity ?? 'services';
  const rule = requireRule(
    'vat.threshold.resident',
    country,
    date,
    (r) => r.activity === undefined || r.activity === activity,
  );
  const which = rule.activity ? { activity: rule.activity, defaulted: seller.activity === undefined } : undefined;
  const activityText = which ? [t('REASON.thresholdActivity', lang, which)] : [];
  const reasons: Reason[] = [];
  let amount = rule.amount;
  let amountText = `${currencyOf(country)} ${amount.toLocaleString('en-US')}`;
  if (rule.unit === 'MCI') {
    const mci = ruleInForce('mci', country, date);
    if (!mci) return withoutMci(req, rule);
    amount = rule.amount * mci.amount;
    amountText = `${rule.amount.toLocaleString('en-US')} MCI × KZT ${mci.amount.toLocaleString('en-US')} (MCI ${mci.year}) = KZT ${amount.toLocaleString('en-US')}`;
    reasons.push(reasonIn(mci, lang));
  }
  const basis = t('REASON.thresholdBasis', lang, { amount: amountText, defaulted: false, ...which });
  const exceeded = seller.turnover12m !== undefined && seller.turnover12m > amount;
  const outcome =
    seller.turnover12m === undefined
      ? t('REASON.noTurnover', lang)
      : t('REASON.turnover', lang, { turnover: seller.turnover12m, threshold: amount, above: exceeded });
  reasons.unshift(reasonIn(rule, lang, ...activityText, outcome));
  const required = exceeded || seller.vatRegistered === true;
  return {
    registration: {
      required,
      route: rule.route,
      threshold: { amount, currency: currencyOf(country), basis },
      ...(exceeded && !seller.vatRegistered && rule.registrationBusinessDays
        ? { deadline: addBusinessDays(date, rule.registrationBusinessDays) }
        : {}),
    },
    thresholdReasons: reasons,
  };
}

/**
 * Without that year's MCI the threshold has no KZT value. Only a decision that compares a turnover with it
 * depends on it; an already-registered seller (or one that gives no turnover) does not.
 */
function withoutMci(
  req: Ask,
  rule: RuleOf<'vat.threshold.resident'>,
): { registration: Registration; thresholdReasons: Reason[] } {
  const { date, seller, lang } = req;
  const year = date.slice(0, 4);
  if (seller.turnover12m !== undefined && seller.vatRegistered !== true) {
    throw new RulesCoverageError('date', `the rules data has no MCI value for ${year}`);
  }
  const text = t('REASON.noMci', lang, { year, registered: seller.vatRegistered === true });
  return {
    registration: { required: seller.vatRegistered === true, route: rule.route },
    thresholdReasons: [reasonIn(rule, lang, text)],
  };
}

/** A filing row's reason, saying whose return it is. */
function filingReason(rule: RuleOf<'vat.filing'>, by: 'seller' | 'buyer', lang: Lang): Reason {
  return reasonIn(rule, lang, t('REASON.filedBy', lang, { by }));
}

/** A rate reason (built in English by `rateFor`) restated in the answer's language. */
function localised(reason: Reason, lang: Lang): Reason {
  const rule = ruleById(reason.ruleId);
  return rule && lang !== DEFAULT_LANG ? reasonIn(rule, lang) : reason;
}

function registrationDeadline(rule: RuleOf<'vat.registration.nonresident_eservices'>, firstSale: string): string {
  return rule.deadline === 'one_month_after_first_payment' ? addMonths(firstSale, 1) : firstSale;
}

function notApplicable(reasons: Reason[]): Decision {
  return { vatApplies: false, rate: 0, liableParty: 'none', registration: { required: false }, filing: null, reasons };
}

function currencyOf(country: Country): Currency {
  return country === 'KG' ? 'KGS' : 'KZT';
}
