import { type EsfPrecheckRequest, precheckEsf } from '../../shared/esf/precheck.js';
import { validateIdentifier } from '../../shared/identifiers/validate.js';
import { assessKzResidency, type KzResidencyRequest } from '../../shared/residency/kz.js';
import type { RouteName } from '../../shared/routes.js';
import { inForce, RULES, RULESET_VERSION, rulesChangesSince } from '../../shared/rules/index.js';
import { assessVat } from '../../shared/vat/assess.js';
import { ratesOn } from '../../shared/vat/rates.js';
import { calendarAnswer } from '../vat-calendar.js';

/** One route's examples: a request body or query, and the `200` answer to it. */
export interface RouteExample {
  request?: unknown;
  /** An example of the `application/xml` body (the ESF pre-check only). */
  xml?: string;
  response: unknown;
}

/** Stands in for the id of the audit record a real answer names. */
const CHECK_ID = '01JD8X4Q6W3V9T2R5M7K0B1C8E';
const AS_OF = '2026-03-12';

/** Public BINs of Kazakh organisations (from public registers), never a person's number. */
const SELLER_BIN = '940140000385';
const BUYER_BIN = '990140004654';

const esfRequest: EsfPrecheckRequest = {
  country: 'KZ',
  supplier: { tin: SELLER_BIN, type: 'legal_entity', vatRegistered: true },
  buyer: { tin: BUYER_BIN, type: 'legal_entity' },
  deliveryDate: '2026-03-10',
  issueDate: AS_OF,
  lines: [{ net: 100000, vatRate: 16 }],
};

const vatRequest = {
  country: 'KZ',
  date: AS_OF,
  seller: { residence: 'DE' },
  buyer: { type: 'consumer', residence: 'KZ' },
  supply: { category: 'electronic_services', net: 1000 },
} as const;

const residencyRequest: KzResidencyRequest = {
  taxYear: 2026,
  stays: [
    { entry: '2026-01-10', exit: '2026-05-31' },
    { entry: '2026-07-01', exit: '2026-09-30' },
  ],
  asOf: '2026-10-01',
};

/** The ESF pre-check's XML body: a one-line Kazakh `InvoiceV2` as the IS ESF takes it. */
const ESF_XML = `<?xml version="1.0" encoding="UTF-8"?>
<esf:invoiceContainer xmlns:esf="esf">
  <invoiceSet>
    <v2:invoice xmlns:a="abstractInvoice.esf" xmlns:v2="v2.esf">
      <date>12.03.2026</date>
      <invoiceType>ORDINARY_INVOICE</invoiceType>
      <num>2026000117</num>
      <operatorFullname>Operator</operatorFullname>
      <turnoverDate>10.03.2026</turnoverDate>
      <customers><customer><countryCode>KZ</countryCode><name>ТОО "Дала Трейд"</name><tin>${BUYER_BIN}</tin></customer></customers>
      <productSet>
        <currencyCode>KZT</currencyCode>
        <products>
          <product>
            <catalogTruId>1</catalogTruId><ndsAmount>16000.00</ndsAmount><ndsRate>16</ndsRate>
            <priceWithTax>116000.00</priceWithTax><priceWithoutTax>100000.00</priceWithoutTax>
            <truOriginCode>1</truOriginCode><turnoverSize>100000.00</turnoverSize>
          </product>
        </products>
        <totalExciseAmount>0</totalExciseAmount><totalNdsAmount>16000.00</totalNdsAmount>
        <totalPriceWithTax>116000.00</totalPriceWithTax><totalPriceWithoutTax>100000.00</totalPriceWithoutTax>
        <totalTurnoverSize>100000.00</totalTurnoverSize>
      </productSet>
      <sellers><seller><certificateNum>0012345</certificateNum><certificateSeries>60001</certificateSeries><name>ТОО "Пример"</name><tin>${SELLER_BIN}</tin></seller></sellers>
    </v2:invoice>
  </invoiceSet>
</esf:invoiceContainer>`;

const auditPage = {
  items: [
    {
      checkId: CHECK_ID,
      createdAt: '2026-03-12T09:15:02.114Z',
      operation: 'identifiers.validate',
      country: 'KZ',
      kind: 'BIN',
      valid: true,
      errorCodes: [],
      warningCodes: [],
      rulesetVersion: RULESET_VERSION,
      identifierMasked: '********0385',
    },
  ],
  cursor: 'eyJ2IjoxfQ.opaque',
};

const withCheckId = <T extends object>(value: T) => ({ ...value, checkId: CHECK_ID });

/** A bulk job as `GET /v1/jobs/{id}` shows it (the links are presigned S3 URLs, shortened here). */
const JOB_ID = '01JD8X6ZB4M1V7Q2C9R3T5W8YA';
const BUCKET_URL = `https://salyk-jobs.s3.eu-central-1.amazonaws.com/results/tenant/${JOB_ID}`;
const jobRunning = {
  jobId: JOB_ID,
  kind: 'validate',
  state: 'running',
  createdAt: '2026-03-12T09:15:02.114Z',
  startedAt: '2026-03-12T09:15:40.873Z',
  rows: { total: 250_000, done: 120_000, valid: 112_950, invalid: 7_050 },
} as const;
const jobSucceeded = {
  ...jobRunning,
  state: 'succeeded',
  finishedAt: '2026-03-12T09:17:31.402Z',
  rows: { total: 250_000, done: 250_000, valid: 235_310, invalid: 14_690 },
  results: {
    checkedFile: { url: `${BUCKET_URL}/checked.csv?X-Amz-Signature=…`, expiresAt: '2026-03-12T10:20:00.000Z' },
    summary: { url: `${BUCKET_URL}/summary.json?X-Amz-Signature=…`, expiresAt: '2026-03-12T10:20:00.000Z' },
  },
} as const;

/**
 * Request and answer examples per route. The answers are computed by the library the handlers call, so
 * an example cannot show a field or a code the API no longer answers with (a test validates each one
 * against its route's response schema). Only the audit routes' records are written out by hand.
 */
export function routeExamples(): Partial<Record<RouteName, RouteExample>> {
  const asOf = AS_OF;
  const precheck = precheckEsf(esfRequest, AS_OF);
  return {
    health: { response: { status: 'ok' } },
    validateIdentifier: {
      request: { value: SELLER_BIN, country: 'KZ' },
      response: withCheckId(validateIdentifier(SELLER_BIN, { country: 'KZ', asOf })),
    },
    validateIdentifierBatch: {
      request: {
        items: [
          { value: SELLER_BIN, ref: 'row-2' },
          { value: '94014000038', ref: 'row-3' },
        ],
      },
      response: {
        summary: { total: 2, valid: 1, invalid: 1, withWarnings: 0 },
        results: [
          { ...withCheckId(validateIdentifier(SELLER_BIN, { asOf })), ref: 'row-2' },
          { ...withCheckId(validateIdentifier('94014000038', { asOf })), ref: 'row-3' },
        ],
      },
    },
    auditList: { request: { from: '2026-03-01', to: '2026-03-31', limit: '50' }, response: auditPage },
    auditLookup: { request: { value: SELLER_BIN }, response: auditPage },
    esfPrecheck: {
      request: esfRequest,
      xml: ESF_XML,
      response: withCheckId({
        ...precheck,
        supplierTin: withCheckId(precheck.supplierTin),
        ...(precheck.buyerTin ? { buyerTin: withCheckId(precheck.buyerTin) } : {}),
      }),
    },
    vatAssess: { request: vatRequest, response: withCheckId(assessVat(vatRequest)) },
    vatRates: { request: { country: 'KZ', date: asOf }, response: ratesOn('KZ', asOf) },
    vatCalendar: { request: { country: 'KZ', year: '2026' }, response: calendarAnswer('KZ', 2026) },
    residencyKz: { request: residencyRequest, response: withCheckId(assessKzResidency(residencyRequest)) },
    rules: {
      request: { country: 'KZ', topic: 'vat.rate', date: asOf },
      response: (() => {
        const rules = RULES.filter((r) => r.country === 'KZ' && r.topic.startsWith('vat.rate') && inForce(r, asOf));
        return { rulesetVersion: RULESET_VERSION, count: rules.length, rules };
      })(),
    },
    jobsCreate: {
      request: {
        kind: 'validate',
        options: { column: 'БИН/ИИН', country: 'KZ', fixLeadingZeros: true },
        callbackUrl: 'https://erp.example.kz/hooks/salyk',
      },
      response: {
        jobId: JOB_ID,
        kind: 'validate',
        state: 'waiting_for_upload',
        createdAt: jobRunning.createdAt,
        rows: { done: 0, valid: 0, invalid: 0 },
        upload: {
          url: `https://salyk-jobs.s3.eu-central-1.amazonaws.com/uploads/tenant/${JOB_ID}?X-Amz-Signature=…`,
          method: 'PUT',
          expiresAt: '2026-03-12T10:15:02.114Z',
          maxBytes: 5 * 1024 ** 3,
        },
        callbackSigningKey: '9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a1c3e5b7d9f0a2c4e6b8d0f',
      },
    },
    jobsList: { request: { limit: '10' }, response: { items: [jobRunning] } },
    jobsGet: { request: { id: JOB_ID }, response: jobSucceeded },
    jobsCancel: {
      request: { id: JOB_ID },
      response: { ...jobRunning, state: 'cancelled', finishedAt: '2026-03-12T09:16:05.000Z' },
    },
    rulesChanges: {
      request: { since: '2026-11-23' },
      response: { rulesetVersion: RULESET_VERSION, since: '2026-11-23', releases: rulesChangesSince('2026-11-23') },
    },
  };
}
