import type * as z from 'zod';
import {
  CreateJobRequest,
  CreateJobResponse,
  JobIdQuery,
  JobListQuery,
  JobListResponse,
  JobView,
} from './jobs/schemas.js';
import { AuditListQuery, AuditListResponse, AuditLookupRequest } from './schemas/audit.js';
import { HealthResponse, OpenApiDocument } from './schemas/common.js';
import { EsfPrecheckRequest, EsfPrecheckResponse } from './schemas/esf.js';
import {
  IdentifierResult,
  MAX_BATCH_ITEMS,
  ValidateBatchRequest,
  ValidateBatchResponse,
  ValidateIdentifierRequest,
} from './schemas/identifiers.js';
import { KzResidencyRequest, KzResidencyResponse } from './schemas/residency.js';
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
  summary: string;
  request?: { body?: z.ZodType; query?: z.ZodType };
  response: z.ZodType;
  /** Set when an array in the request has a size cap: more items is a `413` with this description. */
  tooLarge?: string;
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
    summary: 'Liveness probe',
    response: HealthResponse,
  },
  openapi: {
    id: 'openapi',
    method: 'GET',
    path: '/v1/openapi.json',
    handler: 'functions/openapi.ts',
    apiKeyRequired: false,
    summary: 'This API as an OpenAPI 3.1 document, generated from the request schemas',
    response: OpenApiDocument,
  },
  validateIdentifier: {
    id: 'identifiers-validate',
    method: 'POST',
    path: '/v1/identifiers/validate',
    handler: 'functions/identifiers-validate.ts',
    apiKeyRequired: true,
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
    summary: `Validate up to ${MAX_BATCH_ITEMS.toLocaleString('en-US')} identifiers in one call`,
    request: { body: ValidateBatchRequest },
    response: ValidateBatchResponse,
    tooLarge: `More than ${MAX_BATCH_ITEMS.toLocaleString('en-US')} items`,
    memoryMb: 1024,
    timeoutSeconds: 28, // under API Gateway's 29 s integration limit, so a slow batch ends as a Lambda timeout we log, not a bare 504
  },
  auditList: {
    id: 'audit-list',
    method: 'GET',
    path: '/v1/audit',
    handler: 'functions/audit-list.ts',
    apiKeyRequired: true,
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
    summary: 'Check one electronic invoice (ESF) before submission: TINs, deadline, rates, evidence',
    request: { body: EsfPrecheckRequest },
    response: EsfPrecheckResponse,
  },
  vatAssess: {
    id: 'vat-assess',
    method: 'POST',
    path: '/v1/vat/assess',
    handler: 'functions/vat-assess.ts',
    apiKeyRequired: true,
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
    summary: 'Every rules row with its effective dates, citation, source and confidence',
    request: { query: RulesQuery },
    response: RulesResponse,
  },
  jobsCreate: {
    id: 'jobs-create',
    method: 'POST',
    path: '/v1/jobs',
    handler: 'functions/jobs-create.ts',
    apiKeyRequired: true,
    summary: 'Start a bulk validation job: answers a presigned upload URL; the upload starts the job',
    request: { body: CreateJobRequest },
    response: CreateJobResponse,
  },
  jobsList: {
    id: 'jobs-list',
    method: 'GET',
    path: '/v1/jobs',
    handler: 'functions/jobs-list.ts',
    apiKeyRequired: true,
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
    summary: 'A bulk job: state, rows done/valid/invalid, and links to the checked file and summary when done',
    request: { query: JobIdQuery },
    response: JobView,
  },
  jobsCancel: {
    id: 'jobs-cancel',
    method: 'DELETE',
    path: '/v1/jobs/{id}',
    handler: 'functions/jobs-cancel.ts',
    apiKeyRequired: true,
    summary: 'Cancel a waiting or running bulk job; it keeps the counts of how far it got',
    request: { query: JobIdQuery },
    response: JobView,
  },
} satisfies Record<string, RouteDefinition>;

export type RouteName = keyof typeof routes;

/** Every route, in a stable order. */
export const routeList: readonly RouteDefinition[] = Object.values(routes);
