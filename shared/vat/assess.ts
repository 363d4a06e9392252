import { addBusinessDays, addMonths, checkDate } from '../calendar.js';
import type { BUYER_TYPES, LIABLE_PARTIES, REGIMES, SUPPLY_CATEGORIES } from '../enums.js';
import { RulesCoverageError } from '../errors.js';
import type { Country } from '../identifiers/types.js';
import { vatAmounts } from '../money.js';
import {
  type Currency,
  EAEU_MEMBERS,
  type Reason,
  RULESET_VERSION,
  type RuleOf,
  reasonFrom,
  ruleInForce,
  type SellerActivity,
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

/** The decision, without the audit `checkId`. */
export interface VatAssessment {
  vatApplies: boolean;
  rate: number;
  liableParty: (typeof LIABLE_PARTIES)[number];
  registration: Registration;
  filing: FilingObligation | null;
  amounts?: { net: number; vat: number; gross: number };
  evidence?: string[];
  /** False when the seller's regime bars reclaiming input VAT. */
  inputVatReclaimable?: boolean;
  /** The country whose VAT the decision describes (the buyer's, under the EAEU e-services protocol). */
  vatCountry: string;
  reasons: Reason[];
  rulesetVersion: string;
}

type Decision = Omit<VatAssessment, 'amounts' | 'rulesetVersion' | 'vatCountry'> & { vatCountry?: string };

const isEaeu = (country: string) => (EAEU_MEMBERS as readonly string[]).includes(country);
const isRulesCountry = (country: string): country is Country => country === 'KG' || country === 'KZ';

/**
 * Works out who owes VAT on one kind of supply, at what rate, whether and by when the seller must
 * register, and when the return is due — every step read from the dated rules rows and cited in `reasons`.
 */
export function assessVat(request: VatAssessmentRequest): VatAssessment {
  checkDate('date', request.date);
  if (request.seller.firstSaleDate !== undefined) checkDate('seller.firstSaleDate', request.seller.firstSaleDate);
  const decision = decide(request);
  const net = request.supply.net;
  return {
    ...decision,
    vatCountry: decision.vatCountry ?? request.country,
    ...(net === undefined ? {} : { amounts: vatAmounts(net, decision.vatApplies ? decision.rate : 0) }),
    rulesetVersion: RULESET_VERSION,
  };
}

function decide(req: VatAssessmentRequest): Decision {
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
function eaeuEServices(req: VatAssessmentRequest, eaeu: RuleOf<'vat.eaeu_eservices'>): Decision {
  const { date, buyer, seller } = req;
  const reasons = [reasonFrom(eaeu)];
  const vatCountry = buyer.residence;
  if (!isRulesCountry(vatCountry)) {
    return {
      ...notApplicable(reasons),
      vatCountry,
      reasons: [reasonFrom(eaeu, `${eaeu.text} VAT is due in ${vatCountry}, which these rules do not cover.`)],
    };
  }
  const { rate, reason } = rateFor(vatCountry, date);
  reasons.push(reason);
  if (buyer.type === 'business')
    reasons.push(reasonFrom(requireRule('vat.eaeu_eservices.b2b_exception', 'EAEU', date)));
  const national = ruleInForce('vat.registration.nonresident_eservices', vatCountry, date);
  const firstSale = seller.firstSaleDate ?? date;
  const filing = filingFor(vatCountry, 'nonresident_eservices', date);
  reasons.push(reasonFrom(filing.rule));
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

function nonResidentSeller(req: VatAssessmentRequest): Decision {
  const { country, date, buyer, supply, seller } = req;
  if (buyer.residence !== country) {
    return notApplicable([reasonFrom(requireRule('vat.place_of_supply.abroad', country, date))]);
  }
  if (supply.category === 'goods') return notApplicable([reasonFrom(requireRule('vat.import', country, date))]);

  if (supply.category === 'electronic_services') {
    const registration = ruleInForce('vat.registration.nonresident_eservices', country, date);
    const sellerCharges = registration && (buyer.type === 'consumer' || registration.scope === 'b2b_and_b2c');
    if (registration && sellerCharges) {
      const { rate, reason } = rateFor(country, date);
      const reasons = [reasonFrom(registration), reason];
      const placeOfSupply = ruleInForce('vat.eservices.place_of_supply', country, date);
      if (placeOfSupply) reasons.push(reasonFrom(placeOfSupply));
      if (buyer.type === 'business') {
        const b2b = ruleInForce('vat.nonresident_eservices.b2b', country, date);
        if (b2b) reasons.push(reasonFrom(b2b));
      }
      const filing = filingFor(country, 'nonresident_eservices', date);
      reasons.push(reasonFrom(filing.rule));
      return {
        vatApplies: true,
        rate,
        liableParty: 'seller',
        registration: {
          required: true,
          deadline: registrationDeadline(registration, seller.firstSaleDate ?? date),
          route: registration.route,
          threshold: {
            amount: 0,
            currency: currencyOf(country),
            basis: 'no threshold: registration from the first sale',
          },
        },
        filing: filing.filing,
        reasons,
      };
    }
    // A business buyer of e-services outside the seller-registration regime accounts for the VAT itself.
    if (buyer.type === 'business') {
      const b2b = ruleInForce('vat.nonresident_eservices.b2b', country, date);
      if (b2b?.liable === 'buyer_tax_agent') return taxAgent(req, [reasonFrom(b2b)]);
    }
  }

  if (buyer.type === 'consumer') {
    const noDuty = requireRule('vat.nonresident_services.b2c', country, date);
    // E-services reach here only before the country's foreign e-services regime: say so, not "ordinary services".
    const text =
      supply.category === 'electronic_services'
        ? `No ${country} registration regime for foreign sellers of electronic services to consumers was in force on ${date}; a non-resident with no presence in ${country} had no VAT registration duty.`
        : noDuty.text;
    return notApplicable([reasonFrom(noDuty, text)]);
  }
  return taxAgent(req, []);
}

/** The buyer withholds VAT for the non-resident — unless the HTP exemption for IT services lifts the duty. */
function taxAgent(req: VatAssessmentRequest, reasons: Reason[]): Decision {
  const { country, date, buyer, supply } = req;
  const agent = requireRule('vat.tax_agent.nonresident_services', country, date);
  reasons.push(reasonFrom(agent));
  const htp = ruleInForce('vat.tax_agent.htp_exemption', country, date);
  if (htp && buyer.htpResident && supply.itServices) return notApplicable([...reasons, reasonFrom(htp)]);
  const { rate, reason } = rateFor(country, date);
  const filing = filingFor(country, 'resident', date);
  return {
    vatApplies: true,
    rate,
    liableParty: 'buyer_tax_agent',
    registration: { required: false },
    filing: filing.filing,
    reasons: [...reasons, reason, reasonFrom(filing.rule)],
  };
}

function residentSeller(req: VatAssessmentRequest): Decision {
  const { country, date, seller, buyer, supply } = req;
  const reasons: Reason[] = [];
  const { registration, thresholdReasons } = residentRegistration(req);

  const specialRegime = seller.regime
    ? ruleInForce('vat.special_regime', country, date, (r) => r.regimes.includes(seller.regime!))
    : undefined;
  if (specialRegime && !registration.required) {
    reasons.push(reasonFrom(specialRegime));
    const noInput = ruleInForce('vat.input_vat.not_reclaimable', country, date, (r) =>
      r.regimes.includes(seller.regime!),
    );
    if (noInput) reasons.push(reasonFrom(noInput));
    return {
      ...notApplicable(reasons),
      registration: { ...registration, required: false },
      inputVatReclaimable: false,
    };
  }

  const destination = supply.category === 'goods' ? (supply.destination ?? buyer.residence) : buyer.residence;
  if (destination !== country && supply.category !== 'goods') {
    return notApplicable([reasonFrom(requireRule('vat.place_of_supply.abroad', country, date))]);
  }
  const exporting = destination !== country;
  // An exporter is presumed a VAT payer (the 0% rate and its evidence matter) unless it says it is not registered.
  const liable =
    registration.required || seller.vatRegistered === true || (exporting && seller.vatRegistered !== false);
  reasons.push(...thresholdReasons);
  if (!liable) return { ...notApplicable(reasons), registration };

  let evidence: string[] | undefined;
  let applied: AppliedRate;
  if (exporting) {
    const supplyType = isEaeu(destination) ? 'eaeu_export' : 'export';
    applied = rateFor(country, date, supplyType);
    const evidenceRule = requireRule('vat.export_evidence', country, date, (r) => r.supplyType === supplyType);
    evidence = evidenceRule.documents;
    reasons.push(applied.reason, reasonFrom(evidenceRule));
  } else {
    applied = rateFor(country, date);
    reasons.push(applied.reason);
  }
  const filing = filingFor(country, 'resident', date);
  reasons.push(reasonFrom(filing.rule));
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
function residentRegistration(req: VatAssessmentRequest): { registration: Registration; thresholdReasons: Reason[] } {
  const { country, date, seller } = req;
  // The lower (services) ceiling is the default: it never tells a trader too late that it must register.
  const activity = seller.activity ?? 'services';
  const rule = requireRule(
    'vat.threshold.resident',
    country,
    date,
    (r) => r.activity === undefined || r.activity === activity,
  );
  const reasons = [];
  let amount = rule.amount;
  let basis = `12-month taxable turnover above ${currencyOf(country)} ${amount.toLocaleString('en-US')}`;
  if (rule.unit === 'MCI') {
    const mci = ruleInForce('mci', country, date);
    if (!mci) {
      // Without that year's MCI the threshold has no KZT value. Only a decision that compares a turnover with
      // it depends on it; an already-registered seller (or one that gives no turnover) does not.
      if (seller.turnover12m !== undefined && seller.vatRegistered !== true) {
        throw new RulesCoverageError('date', `the rules data has no MCI value for ${date.slice(0, 4)}`);
      }
      const text = `${rule.text} The MCI for ${date.slice(0, 4)} is not in the rules data, so the threshold is not converted to KZT; ${
        seller.vatRegistered === true
          ? 'the seller is already VAT-registered'
          : 'no turnover was given, so only an existing registration is assumed'
      }.`;
      return {
        registration: { required: seller.vatRegistered === true, route: rule.route },
        thresholdReasons: [reasonFrom(rule, text)],
      };
    }
    amount = rule.amount * mci.amount;
    basis = `12-month taxable turnover above ${rule.amount.toLocaleString('en-US')} MCI × KZT ${mci.amount.toLocaleString('en-US')} (MCI ${mci.year}) = KZT ${amount.toLocaleString('en-US')}`;
    reasons.push(reasonFrom(mci));
  }
  const exceeded = seller.turnover12m !== undefined && seller.turnover12m > amount;
  const text =
    seller.turnover12m === undefined
      ? `${rule.text} No turnover was given, so only an existing registration is assumed.`
      : `${rule.text} Turnover ${seller.turnover12m.toLocaleString('en-US')} is ${exceeded ? 'above' : 'not above'} the threshold of ${amount.toLocaleString('en-US')}.`;
  reasons.unshift(reasonFrom(rule, text));
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

function registrationDeadline(rule: RuleOf<'vat.registration.nonresident_eservices'>, firstSale: string): string {
  return rule.deadline === 'one_month_after_first_payment' ? addMonths(firstSale, 1) : firstSale;
}

function notApplicable(reasons: Reason[]): Decision {
  return { vatApplies: false, rate: 0, liableParty: 'none', registration: { required: false }, filing: null, reasons };
}

function currencyOf(country: Country): Currency {
  return country === 'KG' ? 'KGS' : 'KZT';
}
