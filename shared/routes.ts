import type * as z from 'zod';
import {
  CreateJobRequest,
  CreateJobResponse,
  JobIdParams,
  JobListQuery,
  JobListResponse,
  JobView,
} from './jobs/schemas.js';
import { groupThousands } from './money.js';
import { AuditListQuery, AuditListResponse, AuditLookupRequest } from './schemas/audit.js';
import { HealthResponse, OpenApiDocument } from './schemas/common.js';
import { EsfPrecheckAnswer, EsfPrecheckRequest } from './schemas/esf.js';
import {
  IdentifierResult,
  MAX_BATCH_ITEMS,
  ValidateBatchRequest,
  ValidateBatchResponse,
  ValidateIdentifierRequest,
} from './schemas/identifiers.js';
import { KzResidencyRequest, KzResidencyResponse } from './schemas/residency.js';
import { RulesChangesQuery, RulesChangesResponse } from './schemas/rules.js';
import {
  RulesQuery,
  RulesResponse,
  VatAssessRequest,
  VatAssessResponse,
  VatCalendarQuery,
  VatCalendarResponse,
  VatRatesQuery,
  VatRatesResponse,
} from './schemas/vat.js';

/** The OpenAPI tags, in the order the reference page lists them. */
export const ROUTE_TAGS = {
  Identifiers: 'Validate and decode Kazakh IIN/BIN and Kyrgyz INN/PIN; every check writes an audit record.',
  ESF: 'Pre-check an electronic invoice (ESF) before it is sent to the tax authority.',
  VAT: 'Who owes VAT, at what rate, and when returns are due, from dated and cited rules.',
  Residency: 'Kazakh tax residency of an individual.',
  Audit: "The caller's own audit records: every check, with identifiers only as a mask.",
  Rules: 'The rules data behind every answer: effective dates, citations, sources and confidence.',
  Jobs: 'Bulk validation of a whole supplier list as an asynchronous job: start it, upload the file, watch it, collect the checked file.',
  Service: 'Liveness and this document; no API key needed.',
} as const;

type RouteTag = keyof typeof ROUTE_TAGS;

/**
 * One HTTP route. This table is the single source of truth: the CDK stack creates one Lambda function
 * and one API Gateway method per row, the local server serves the same handlers, and the OpenAPI
 * document is generated from the same schemas.
 */
export interface RouteDefinition {
  /** kebab-case id; names the Lambda function and its log group. */
  id: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** Handler module, relative to the project root; it exports `handler`. */
  handler: string;
  /** Routes under /v1 need `x-api-key`; /health and the OpenAPI document do not. */
  apiKeyRequired: boolean;
  /** Groups the route in the OpenAPI document and the /docs page. */
  tag: RouteTag;
  summary: string;
  /** What the route does and when a caller would use it (Markdown, for the OpenAPI document). */
  description: string;
  /** `params`: the `{name}` segments of `path`, validated like the query (a bad one is a `400` naming `params.<name>`). */
  request?: { body?: z.ZodType; query?: z.ZodType; params?: z.ZodType };
  response: z.ZodType;
  /** The success status when it is not `200` (`201` for a route that creates something). */
  successStatus?: 201;
  /** Set when an array in the request has a size cap: more items is a `413` with this description. */
  tooLarge?: string;
  /** Set when the route answers `409` for a reason of its own (not an `Idempotency-Key` in use): this description. */
  conflict?: string;
  /** Lambda sizing for routes that do more than one small check. */
  memoryMb?: number;
  timeoutSeconds?: number;
}

export const routes = {
  health: {
    id: 'health',
    method: 'GET',
    path: '/health',
    handler: 'functions/health.ts',
    apiKeyRequired: false,
    tag: 'Service',
    description:
      'Answers `{"status":"ok"}` while the function runs. It touches no database, so it stays up while the audit log is unreachable.',
    summary: 'Liveness probe',
    response: HealthResponse,
  },
  openapi: {
    id: 'openapi',
    method: 'GET',
    path: '/v1/openapi.json',
    handler: 'functions/openapi.ts',
    apiKeyRequired: false,
    tag: 'Service',
    description:
      'This document. Built from the route table and the zod schemas that validate requests, so it cannot drift from the behaviour; `info.version` is the package version.',
    summary: 'This API as an OpenAPI 3.1 document, generated from the request schemas',
    response: OpenApiDocument,
  },
  validateIdentifier: {
    id: 'identifiers-validate',
    method: 'POST',
    path: '/v1/identifiers/validate',
    handler: 'functions/identifiers-validate.ts',
    apiKeyRequired: true,
    tag: 'Identifiers',
    description:
      "Validates one identifier and decodes what its digits say (birth date and sex of an IIN, registration month, entity type and division of a BIN, the holder of a KG INN/PIN). A value that fails validation is a `200` with `valid: false` and coded `errors`: a `400` means the request itself is malformed. The country is inferred from the length when not given (12 digits: KZ, 14: KG). The answer's `checkId` names the audit record written for this check; a `2xx` means that record is stored.",
    summary: 'Validate one KZ IIN/BIN or KG INN/PIN and decode it',
    request: { body: ValidateIdentifierRequest },
    response: IdentifierResult,
  },
  validateIdentifierBatch: {
    id: 'identifiers-validate-batch',
    method: 'POST',
    path: '/v1/identifiers/validate-batch',
    handler: 'functions/identifiers-validate-batch.ts',
    apiKeyRequired: true,
    tag: 'Identifiers',
    description:
      'Validates up to 10 000 identifiers in request order, each as `POST /v1/identifiers/validate` would, with an optional `ref` echoed back. One audit record per item; if they cannot all be written, the answer is a `503` and no result is returned. More items than allowed is a `413`. The README says what latency to expect at 1 000 and 10 000 items.',
    summary: `Validate up to ${groupThousands(MAX_BATCH_ITEMS)} identifiers in one call`,
    request: { body: ValidateBatchRequest },
    response: ValidateBatchResponse,
    tooLarge: `More than ${groupThousands(MAX_BATCH_ITEMS)} items`,
    memoryMb: 1024,
    timeoutSeconds: 28, // under API Gateway's 29 s integration limit, so a slow batch ends as a Lambda timeout we log, not a bare 504
  },
  auditList: {
    id: 'audit-list',
    method: 'GET',
    path: '/v1/audit',
    handler: 'functions/audit-list.ts',
    apiKeyRequired: true,
    tag: 'Audit',
    description:
      "The caller's own audit records, newest first, optionally between two dates. Pass the answer's `cursor` back to get the next page; a cursor is opaque and sealed, and a malformed or foreign one is a `400`. A tenant never sees another tenant's records.",
    summary: "The caller's own audit records, newest first",
    request: { query: AuditListQuery },
    response: AuditListResponse,
  },
  auditLookup: {
    id: 'audit-lookup',
    method: 'POST',
    path: '/v1/audit/lookup',
    handler: 'functions/audit-lookup.ts',
    apiKeyRequired: true,
    tag: 'Audit',
    description:
      "The caller's earlier checks of one identifier, found by its keyed HMAC (the value itself is never stored). The value must be able to be an identifier (ASCII digits with optional spaces, hyphens or dots; 11 to 14 digits): anything else is a `400` at `body.value`. Paginated like `GET /v1/audit`.",
    summary: "The caller's earlier checks of one identifier (found by its HMAC)",
    request: { body: AuditLookupRequest },
    response: AuditListResponse,
  },
  esfPrecheck: {
    id: 'esf-precheck',
    method: 'POST',
    path: '/v1/esf/precheck',
    handler: 'functions/esf-precheck.ts',
    apiKeyRequired: true,
    tag: 'ESF',
    description:
      "Checks one invoice before it is sent to the tax authority's ESF system: both TINs (and a person's number in a legal entity's field), the issue deadline, every line's VAT rate for the delivery date, supply type and category, and the evidence a 0% export needs. `submittable` is false exactly when a finding has severity `error`.\n\nThe body is either the JSON request or, with `content-type: application/xml` (or `text/xml`), the Kazakh IS ESF invoice document as it is sent (`InvoiceV2`: `esf:invoiceContainer` / `invoiceSet` / `v2:invoice`, or a bare `v2:invoice`), at most 2 MiB (more is a `413`). Problems in the document itself (a missing seller TIN, a rate the ESF does not allow, a malformed date) are a `400` whose `errors[].path` is the XML path of the element, e.g. `/esf:invoiceContainer/invoiceSet/v2:invoice[1]/sellers/seller[1]/tin`, and whose `errors[].message` starts with the problem code; document warnings come back in the `200` answer's `documentProblems`. Any other content type is a `415`.",
    summary: 'Check one electronic invoice (ESF) before submission: TINs, deadline, rates, evidence',
    request: { body: EsfPrecheckRequest },
    response: EsfPrecheckAnswer,
  },
  vatAssess: {
    id: 'vat-assess',
    method: 'POST',
    path: '/v1/vat/assess',
    handler: 'functions/vat-assess.ts',
    apiKeyRequired: true,
    tag: 'VAT',
    description:
      'Works out, as of the supply date, whether VAT applies, at what rate, who owes it (the seller or the buyer as tax agent), whether and by when the seller must register, and when returns are due. Every rule the answer rests on is listed in `reasons` with its citation and confidence.',
    summary: 'Who owes VAT on a supply, at what rate, registration and filing duties — with cited reasons',
    request: { body: VatAssessRequest },
    response: VatAssessResponse,
  },
  vatRates: {
    id: 'vat-rates',
    method: 'GET',
    path: '/v1/vat/rates',
    handler: 'functions/vat-rates.ts',
    apiKeyRequired: true,
    tag: 'VAT',
    description:
      'The standard, reduced and zero rates in force on a date, each with its effective dates, citation and confidence.',
    summary: 'Standard, reduced and zero VAT rates in force on a date',
    request: { query: VatRatesQuery },
    response: VatRatesResponse,
  },
  vatCalendar: {
    id: 'vat-calendar',
    method: 'GET',
    path: '/v1/vat/calendar',
    handler: 'functions/vat-calendar.ts',
    apiKeyRequired: true,
    tag: 'VAT',
    description:
      'The VAT return periods and due dates of a year. `periods` lists the returns of resident VAT payers (the v1 shape). `schedules` lists the returns of every *other* kind of filer (e.g. foreign sellers of electronic services), one entry per filer, so each period appears once in the answer; `schedules` is empty when only residents file that year.',
    summary: 'VAT return due dates of a year, per period',
    request: { query: VatCalendarQuery },
    response: VatCalendarResponse,
  },
  residencyKz: {
    id: 'residency-kz',
    method: 'POST',
    path: '/v1/residency/kz',
    handler: 'functions/residency-kz.ts',
    apiKeyRequired: true,
    tag: 'Residency',
    description:
      "Decides whether an individual is a Kazakh tax resident for a tax year: the 183-day test over any 12 consecutive months, the AIFC programme's 90-day test, the centre of vital interests and a foreign treaty certificate, with `daysUntilThreshold` for planning.",
    summary:
      'Kazakh tax residency of an individual: 183-day, AIFC 90-day, vital-interests and treaty-certificate tests',
    request: { body: KzResidencyRequest },
    response: KzResidencyResponse,
  },
  rules: {
    id: 'rules-list',
    method: 'GET',
    path: '/v1/rules',
    handler: 'functions/rules-list.ts',
    apiKeyRequired: true,
    tag: 'Rules',
    description:
      'Every rules row Salyk decides with, filterable by country, topic prefix and date, so that every answer can be traced to its source.',
    summary: 'Every rules row with its effective dates, citation, source and confidence',
    request: { query: RulesQuery },
    response: RulesResponse,
  },
  rulesChanges: {
    id: 'rules-changes',
    method: 'GET',
    path: '/v1/rules/changes',
    handler: 'functions/rules-changes.ts',
    apiKeyRequired: true,
    tag: 'Rules',
    description:
      'The rules changelog: each ruleset version since a date with every row it added, changed or ended and why. Pin the `rulesetVersion` your answers carry; when it moves, re-check the decisions that cited the rows listed here.',
    summary:
      'What each ruleset version added, changed or ended, and why — the versions published since a date (pin `rulesetVersion`; re-check when it moves)',
    request: { query: RulesChangesQuery },
    response: RulesChangesResponse,
  },
  jobsCreate: {
    id: 'jobs-create',
    method: 'POST',
    path: '/v1/jobs',
    handler: 'functions/jobs-create.ts',
    apiKeyRequired: true,
    tag: 'Jobs',
    description:
      'Creates a bulk validation job for one supplier list (CSV or XLSX, any size up to 5 GB) with the options `salyk validate` takes. The answer is `201` with the job id and a presigned `PUT` URL: uploading the file there starts the job. The messages in the checked file are in the request\'s language (`?lang=` or `Accept-Language`). With a `callbackUrl`, the job is `POST`ed there when it ends, signed with `Salyk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` under the answer\'s `callbackSigningKey`, and retried with backoff until it is answered with a `2xx`.',
    summary: 'Start a bulk validation job: answers a presigned upload URL; the upload starts the job',
    request: { body: CreateJobRequest },
    response: CreateJobResponse,
    successStatus: 201,
  },
  jobsList: {
    id: 'jobs-list',
    method: 'GET',
    path: '/v1/jobs',
    handler: 'functions/jobs-list.ts',
    apiKeyRequired: true,
    tag: 'Jobs',
    description:
      "The caller's bulk jobs, newest first, each as `GET /v1/jobs/{id}` shows it. A tenant never sees another tenant's jobs.",
    summary: "The caller's bulk jobs, newest first",
    request: { query: JobListQuery },
    response: JobListResponse,
  },
  jobsGet: {
    id: 'jobs-get',
    method: 'GET',
    path: '/v1/jobs/{id}',
    handler: 'functions/jobs-get.ts',
    apiKeyRequired: true,
    tag: 'Jobs',
    description:
      "A job's state (`waiting_for_upload`, `running`, `succeeded`, `failed`, `cancelled`), its rows done/valid/invalid, when it started and finished, and once it has ended with results, presigned links to the checked file (the bytes `salyk validate` writes for the same file and options) and the JSON summary. Poll it, or pass a `callbackUrl` when creating the job. Another tenant's job is a `404`.",
    summary: 'A bulk job: state, rows done/valid/invalid, and links to the checked file and summary when done',
    request: { params: JobIdParams },
    response: JobView,
  },
  jobsCancel: {
    id: 'jobs-cancel',
    method: 'DELETE',
    path: '/v1/jobs/{id}',
    handler: 'functions/jobs-cancel.ts',
    apiKeyRequired: true,
    tag: 'Jobs',
    description:
      'Cancels a job that is waiting for its upload or running: no batch starts after this, and the job keeps the counts of how far it got (`rows.done`). A job that has already ended is a `409`.',
    summary: 'Cancel a waiting or running bulk job; it keeps the counts of how far it got',
    request: { params: JobIdParams },
    response: JobView,
    conflict: 'The job has already ended (`succeeded`, `failed` or `cancelled`)',
  },
} satisfies Record<string, RouteDefinition>;

export type RouteName = keyof typeof routes;

/** Every route, in a stable order. */
export const routeList: readonly RouteDefinition[] = Object.values(routes);
