import { readFile } from 'node:fs/promises';
import { text as readAll } from 'node:stream/consumers';
import type { EsfPrecheckRequest as EsfPrecheckRequestType } from '../shared/esf/precheck.js';
import { type EsfXmlProblem, parseKzInvoiceXml } from '../shared/esf/xml/index.js';
import { EsfPrecheckRequest } from '../shared/schemas/esf.js';
import { issueSummary } from '../shared/schemas/issues.js';
import { say } from './lang.js';
import { InputError } from './readers.js';

/** An invoice to pre-check, and the warnings its XML document carried (none for JSON). */
export interface InvoiceInput {
  request: EsfPrecheckRequestType;
  documentProblems: EsfXmlProblem[];
}

/**
 * Reads the invoice for `salyk esf`: the JSON body of `POST /v1/esf/precheck`, or the Kazakh IS ESF `InvoiceV2`
 * XML document (by extension, or a first character that opens a tag); `-` reads standard input.
 */
export async function readInvoice(file: string): Promise<InvoiceInput> {
  const text = await readText(file);
  return isXml(file, text) ? readInvoiceXml(file, text) : readInvoiceJson(file, text);
}

async function readText(file: string): Promise<string> {
  try {
    return file === '-' ? await readAll(process.stdin) : await readFile(file, 'utf8');
  } catch {
    throw new InputError(say('cli.error.noFile', { file }));
  }
}

const isXml = (file: string, text: string) => /\.xml$/i.test(file) || /^\uFEFF?\s*</.test(text);

function readInvoiceJson(file: string, text: string): InvoiceInput {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new InputError(say('cli.error.notJson', { file }));
  }
  const request = EsfPrecheckRequest.safeParse(json);
  if (!request.success)
    throw new InputError(
      say('cli.error.invalidInvoice', { file, issues: issueSummary(EsfPrecheckRequest, json, request.error.issues) }),
    );
  return { request: request.data, documentProblems: [] };
}

/** The IS ESF document mapped as the API maps it; its errors (with XML paths) refuse the file. */
function readInvoiceXml(file: string, text: string): InvoiceInput {
  const { request, problems } = parseKzInvoiceXml(text);
  if (!request) {
    const errors = problems.filter((p) => p.severity === 'error');
    throw new InputError(
      `${file} cannot be pre-checked:\n${errors.map((p) => `  ${p.code} [${p.path}]: ${p.message}`).join('\n')}`,
    );
  }
  return { request, documentProblems: problems };
}
