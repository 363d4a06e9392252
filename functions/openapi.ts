import { routes } from '../shared/routes.js';
import { apiHandler } from './lib/api-handler.js';
import { buildOpenApiDocument } from './lib/openapi-document.js';

let document: Record<string, unknown> | undefined;

/** GET /v1/openapi.json — built once per container from the route table and the zod schemas. */
export const handler = apiHandler(routes.openapi, async () => {
  document ??= buildOpenApiDocument();
  return { body: document };
});
