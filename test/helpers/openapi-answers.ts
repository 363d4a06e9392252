import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked by path
type Document = any;

const DOCUMENT_ID = 'https://salyk.local/openapi.json';

/** JSON Pointer escaping (RFC 6901) of one path segment. */
const pointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Validates real answers against the response schemas of an OpenAPI 3.1 document with ajv (JSON Schema
 * 2020-12, the dialect OpenAPI 3.1 uses). The whole document is one schema resource, so the operations'
 * `#/components/schemas/…` references resolve inside it.
 */
export function answerChecker(document: Document) {
  // OpenAPI keywords (`openapi`, `paths`, `example`, `x-…`) are not JSON Schema keywords: not strict.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addSchema({ ...document, $id: DOCUMENT_ID });

  /** Asserts that `status` is documented for the operation and that the body matches its schema. */
  return function expectDocumented(
    method: string,
    path: string,
    answer: { status: number; headers: Record<string, string>; json: unknown },
  ): void {
    const operation = document.paths[path]?.[method.toLowerCase()];
    expect(operation, `${method} ${path} is in the document`).toBeDefined();
    const response = operation.responses[String(answer.status)];
    expect(response, `${method} ${path} documents status ${answer.status}`).toBeDefined();
    const mediaType = (answer.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    expect(Object.keys(response.content ?? {}), `${method} ${path} ${answer.status} content type`).toContain(mediaType);
    for (const header of Object.keys(response.headers ?? {}).filter((h) => response.headers[h].required))
      expect(answer.headers[header.toLowerCase()], `${method} ${path} ${answer.status} header ${header}`).toBeDefined();
    const ref = `${DOCUMENT_ID}#/paths/${pointer(path)}/${method.toLowerCase()}/responses/${answer.status}/content/${pointer(mediaType)}/schema`;
    const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
    const valid = validate(answer.json);
    expect(valid ? [] : validate.errors, `${method} ${path} ${answer.status} matches its schema`).toEqual([]);
  };
}
