import type {
  CONFIDENCES,
  CURRENCIES,
  EXPORT_EVIDENCE,
  FILERS,
  FILING_FREQUENCIES,
  LINE_CATEGORIES,
  RULE_COUNTRIES,
  SELLER_ACTIVITIES,
  SEVERITIES,
  SUPPLY_TYPES,
  TAX_AGENT_RECORDS,
} from '../enums.js';

/** How sure we are of a rule, exactly as the research marks it. */
export type Confidence = (typeof CONFIDENCES)[number];

export type RuleCountry = (typeof RULE_COUNTRIES)[number];

/** Fields every rules row carries: when it applies, where it comes from and how sure we are. */
// A type alias, not an interface: rows must fit the API's open `RuleRow` schema (an index signature).
export type RuleMeta = {
  /** Stable id, e.g. `KZ.VAT.STANDARD.2026`. */
  id: string;
  country: RuleCountry;
  /** First day the row applies (inclusive). */
  effectiveFrom: string;
  /** Last day the row applies (inclusive); `null` while in force. */
  effectiveTo: string | null;
  /** The legal provision. */
  citation: string;
  /** Where we read it (publication and date). */
  source: string;
  confidence: Confidence;
  /** What a user should know: disagreements, gaps, what to verify. */
  note?: string;
  /** One-line statement of the rule, used in `reasons`. */
  text: string;
};

/** What a seller mainly does: the KG single-tax ceiling (and so the VAT trigger) differs for traders. */
export type SellerActivity = (typeof SELLER_ACTIVITIES)[number];
export type SupplyType = (typeof SUPPLY_TYPES)[number];
export type LineCategory = (typeof LINE_CATEGORIES)[number];
export type ExportEvidence = (typeof EXPORT_EVIDENCE)[number];
export type Severity = (typeof SEVERITIES)[number];
export type FilingFrequency = (typeof FILING_FREQUENCIES)[number];
export type Filer = (typeof FILERS)[number];
export type Currency = (typeof CURRENCIES)[number];
export type TaxAgentRecord = (typeof TAX_AGENT_RECORDS)[number];

/** A rule row; `topic` says which fields follow. */
export type Rule = RuleMeta &
  (
    | { topic: 'vat.rate.standard'; rate: number }
    | { topic: 'vat.rate.reduced'; rate: number; category: Exclude<LineCategory, 'standard'> }
    | { topic: 'vat.rate.zero'; rate: 0; supplyTypes: Exclude<SupplyType, 'domestic'>[] }
    | { topic: 'mci'; year: number; amount: number }
    | {
        topic: 'vat.threshold.resident';
        /** The activity the row is for; absent when it applies to every activity. */
        activity?: SellerActivity;
        /** In the local currency, or in MCI when `unit` is `MCI`. */
        amount: number;
        unit: Exclude<Currency, 'KZT'> | 'MCI';
        /** Business days to register after exceeding it; absent when the law gives no figure we found. */
        registrationBusinessDays?: number;
        route: string;
      }
    | {
        topic: 'vat.registration.nonresident_eservices';
        thresholdAmount: 0;
        route: string;
        deadline: 'first_sale' | 'one_month_after_first_payment';
        scope: 'b2b_and_b2c' | 'b2c';
      }
    | {
        topic: 'vat.filing';
        filer: Filer;
        frequency: FilingFrequency;
        dueDay: number;
        monthsAfterPeriodEnd: number;
      }
    | { topic: 'esf.deadline'; calendarDays: number }
    | { topic: 'esf.issue_before_delivery'; severity: Severity }
    | {
        topic: 'vat.tax_agent.nonresident_services';
        rateFrom: 'standard';
        /** The buyer issues the ESF on the non-resident's behalf (KZ from 2026); absent: the row says nothing. */
        buyerIssuesEsf?: true;
        /** What the buyer keeps to support the VAT it paid for the non-resident; absent: not in the rules data. */
        buyerKeeps?: TaxAgentRecord[];
      }
    | { topic: 'vat.tax_agent.htp_exemption' }
    | { topic: 'vat.nonresident_eservices.b2b'; liable: 'seller' | 'buyer_tax_agent' }
    | {
        topic: 'vat.special_regime';
        regimes: string[];
        /** The regime keeps its payers out of VAT whatever their turnover (KZ 2026), not only below the threshold. */
        whateverTurnover?: true;
      }
    | { topic: 'vat.input_vat.not_reclaimable'; regimes: string[] }
    | { topic: 'vat.export_evidence'; supplyType: Exclude<SupplyType, 'domestic'>; documents: ExportEvidence[] }
    | { topic: 'vat.eaeu_eservices'; members: string[]; b2cSupplierRegisters: true; b2bSupplierRegisters: true }
    | { topic: 'vat.nonresident_services.b2c' }
    | { topic: 'vat.eservices.place_of_supply' }
    | { topic: 'vat.eaeu_eservices.b2b_exception' }
    | { topic: 'vat.import' }
    | { topic: 'esf.tin_field' }
    | {
        topic: 'identifier.format';
        /** A row about one leading digit only (e.g. KG `4` for foreign nationals); absent for the general format. */
        prefix?: string;
      }
    | { topic: 'vat.non_payer_charges' }
    | { topic: 'vat.place_of_supply.abroad' }
    | { topic: 'residency.days_test'; days: number; programme?: 'aifc_itrp' }
    | { topic: 'residency.vital_interests' }
    | { topic: 'residency.treaty_certificate' }
    | { topic: 'residency.pit_rates'; rates: { rate: number; upToMci?: number }[] }
  );

export type RuleTopic = Rule['topic'];
export type RuleOf<T extends RuleTopic> = Extract<Rule, { topic: T }>;
