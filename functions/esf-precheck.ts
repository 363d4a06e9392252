import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { protectIdentifier, recordBase } from '../shared/audit/record.js';
import { precheckEsf } from '../shared/esf/precheck.js';
import { type EsfXmlProblem, parseKzInvoiceXml } from '../shared/esf/xml/index.js';
import { routes } from '../shared/routes.js';
import { apiHandler } from './lib/api-handler.js';
import { openAuditSession, recordAudit } from './lib/audit-trail.js';
import { isJsonMediaType, mediaTypeOf, unsupportedMediaType } from './lib/content-type.js';
import { badRequest, payloadTooLarge } from './lib/problem.js';

/** The JSON pre-check: one invoice, one audit record (TINs only as HMAC + mask). */
const precheckJson = apiHandler(routes.esfPrecheck, async ({ body, tenant, lang }) => {
  const result = precheckEsf(body, { lang });
  const audit = await openAuditSession(tenant);
  const record = {
    ...recordBase(audit.context()),
    operation: 'esf.precheck' as const,
    country: body.country,
    kind: result.supplierTin.kind,
    valid: result.submittable,
    errorCodes: result.findings.filter((f) => f.severity === 'error').map((f) => f.code),
    warningCodes: result.findings.filter((f) => f.severity === 'warning').map((f) => f.code),
    identifier: protectIdentifier(audit.secret, body.supplier.tin, result.supplierTin.normalized),
    // result.buyerTin is there exactly when body.buyer.tin is.
    ...(body.buyer.tin === undefined
      ? {}
      : {
          otherIdentifiers: {
            buyer: protectIdentifier(audit.secret, body.buyer.tin, result.buyerTin?.normalized ?? null),
          },
        }),
    facts: { lines: body.lines.length, issueBy: result.deadline.issueBy, daysLeft: result.deadline.daysLeft },
  };
  await recordAudit([record]);
  const { checkId } = record;
  const { supplierTin, buyerTin, ...rest } = result;
  return {
    body: {
      ...rest,
      supplierTin: { ...supplierTin, checkId },
      ...(buyerTin ? { buyerTin: { ...buyerTin, checkId } } : {}),
      checkId,
    },
  };
});

/** What the route reads besides JSON: the Kazakh IS ESF invoice document as it is sent. */
const XML_TYPES = ['application/xml', 'text/xml'];
const ACCEPTED = ['application/json', ...XML_TYPES];

/**
 * POST /v1/esf/precheck — a JSON request, or (`content-type: application/xml` or `text/xml`) the IS ESF
 * `InvoiceV2` document. The document is mapped onto the JSON request and runs through exactly the same
 * handler (validation, idempotency, audit); problems of the document itself are a `400` at their XML
 * path, and its warnings are added to the `200` answer as `documentProblems`.
 */
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  const type = mediaTypeOf(event);
  // Without a key the JSON handler answers 401, before anything is read, as for a JSON body.
  const keyed = Boolean(event.requestContext?.identity?.apiKeyId);
  if (type === undefined || isJsonMediaType(type) || !keyed) return precheckJson(event, context);
  if (!XML_TYPES.includes(type)) return unsupportedMediaType(type, ACCEPTED).toResponse();
  const { request, problems } = parseKzInvoiceXml(bodyText(event));
  if (!request) return documentProblem(problems).toResponse();
  const answer = await precheckJson(asJsonEvent(event, JSON.stringify(request)), context);
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (answer.statusCode !== 200 || warnings.length === 0) return answer;
  return { ...answer, body: JSON.stringify({ ...JSON.parse(answer.body), documentProblems: warnings }) };
}

function bodyText(event: APIGatewayProxyEvent): string {
  const body = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}

/** The document's errors as one problem: `errors[].path` is the XML path, the message starts with the code. */
function documentProblem(problems: EsfXmlProblem[]) {
  const errors = problems
    .filter((p) => p.severity === 'error')
    .map((p) => ({ path: p.path, message: `${p.code}: ${p.message}` }));
  if (problems.some((p) => p.code === 'XML_TOO_LARGE'))
    return payloadTooLarge('the ESF XML document is larger than 2 MiB', errors);
  return badRequest(
    `the ESF XML document cannot be pre-checked: ${errors.length} problem(s) in the document itself`,
    errors,
  );
}

/** The same request with the mapped JSON body, so that idempotency and validation see what the JSON route sees. */
function asJsonEvent(event: APIGatewayProxyEvent, json: string): APIGatewayProxyEvent {
  const isContentType = (name: string) => name.toLowerCase() === 'content-type';
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).filter(([name]) => !isContentType(name)));
  const multi = Object.fromEntries(
    Object.entries(event.multiValueHeaders ?? {}).filter(([name]) => !isContentType(name)),
  );
  return {
    ...event,
    body: json,
    isBase64Encoded: false,
    headers: { ...headers, 'content-type': 'application/json' },
    multiValueHeaders: { ...multi, 'content-type': ['application/json'] },
  };
}
