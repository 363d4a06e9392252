import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { routeList } from '../../shared/routes.js';
import { Problem } from '../../shared/schemas/common.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

/**
 * The OpenAPI 3.1 document of the API, built from the same route table and zod schemas that
 * validate requests, so the description cannot drift from the behaviour.
 */
export function buildOpenApiDocument(): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routeList) {
    const operation: ZodOpenApiOperationObject = {
      operationId: route.id,
      summary: route.summary,
      ...(route.apiKeyRequired ? { security: [{ apiKey: [] }] } : { security: [] }),
      ...(route.request?.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: route.request.body } } } }
        : {}),
      ...(route.request?.query ? { requestParams: { query: route.request.query as never } } : {}),
      responses: {
        '200': { description: 'OK', content: { 'application/json': { schema: route.response } } },
        ...(route.request ? { '400': problem('Malformed request') } : {}),
        ...(route.apiKeyRequired
          ? {
              '401': problem('Missing or unknown x-api-key'),
              '503': problem('The audit log is unavailable; retry after Retry-After seconds'),
            }
          : {}),
        ...(route.tooLarge ? { '413': problem(route.tooLarge) } : {}),
      },
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Salyk API',
      version: '1.0.0',
      description: 'Kazakh IIN/BIN and Kyrgyz INN/PIN validation, ESF pre-checks and VAT rules, with an audit trail.',
    },
    components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } } },
    paths,
  });
}
