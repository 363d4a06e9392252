#!/usr/bin/env node
/**
 * The `salyk` command line: supplier-list validation (CSV/XLSX), single checks and ESF pre-checks,
 * offline by default; `--api` sends rows to a deployed or local Salyk API so they are audited.
 */
import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type EsfPrecheckRequest as EsfPrecheckRequestType, precheckEsf } from '../shared/esf/precheck.js';
import { type EsfXmlProblem, parseKzInvoiceXml } from '../shared/esf/xml/index.js';
import { validateIdentifier } from '../shared/identifiers/validate.js';
import { assessKzResidency } from '../shared/residency/kz.js';
import { EsfPrecheckRequest } from '../shared/schemas/esf.js';
import { issueSummary } from '../shared/schemas/issues.js';
import { KzResidencyRequest } from '../shared/schemas/residency.js';
import { registerGenerateCommand } from './commands/generate.js';
import { addRulesCommand } from './commands/rules.js';
import { InputError } from './readers.js';
import { readStaysCsv } from './stays-file.js';
import { type FileSummary, validateFile } from './supplier-list.js';

// Streaming a file allocates a lot of short-lived garbage; V8's default heap growth lets the old space
// balloon between major GCs, so peak memory would creep up with the file size. Grow it gently instead.
setFlagsFromString('--heap-growing-percent=50');

/** Exit codes: 0 ok, 1 something invalid (with --fail-on-invalid, or a failed single check), 2 unusable input. */
const EXIT_INVALID = 1;
const EXIT_INPUT = 2;

const program = new Command()
  .name('salyk')
  .description('Kazakh IIN/BIN and Kyrgyz INN/PIN checks, ESF pre-checks — offline, or through the Salyk API')
  .showHelpAfterError()
  // Usage errors must not exit 1, which means "invalid data" to scripts: throw, and exit 2 below.
  // Set before the commands are added, which inherit it.
  .exitOverride();

const countryOption = () => new Option('--country <country>', 'force the country').choices(['KZ', 'KG']);

program
  .command('validate')
  .description('validate the TIN column of a supplier list (.csv or .xlsx) and write <name>.checked.csv')
  .argument('<file>', 'CSV (comma, semicolon or tab; BOM ok) or XLSX file')
  .option('-o, --output <file>', 'where to write the checked CSV (default: <input name>.checked.csv beside the input)')
  .option(
    '--column <name>',
    'the TIN column, by header name or 1-based number (default: tin/inn/iin/bin/pin/ИНН/ИИН/БИН/ПИН)',
  )
  .option('--sheet <name>', 'XLSX sheet name or 1-based number (default: the first)')
  .addOption(countryOption())
  .option('--fix-leading-zeros', 'apply LEADING_ZERO_LOST suggestions to the output', false)
  .option('--fail-on-invalid', 'exit with code 1 when any row is invalid', false)
  .option('--json', 'print the summary as JSON on stdout', false)
  .option('--quiet', 'no progress output', false)
  .option('--api <url>', 'validate through the Salyk API at this base URL (rows are audited there)')
  .option('--key <key>', 'API key for --api (or SALYK_API_KEY)')
  .option('--concurrency <n>', 'batches of up to 10 000 in flight with --api', positiveInt, 4)
  .action(async (file: string, opts) => {
    const key = opts.key ?? process.env.SALYK_API_KEY;
    if (opts.api && !key) throw new InputError('--api needs --key (or SALYK_API_KEY)');
    const summary = await validateFile({
      input: file,
      output: opts.output,
      column: opts.column,
      sheet: opts.sheet,
      country: opts.country,
      fixLeadingZeros: opts.fixLeadingZeros,
      quiet: opts.quiet || opts.json,
      api: opts.api ? { url: opts.api, key, concurrency: opts.concurrency } : undefined,
    });
    if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else printSummary(summary);
    if (opts.failOnInvalid && summary.invalid > 0) process.exitCode = EXIT_INVALID;
  });

program
  .command('check')
  .description('validate one identifier and show what its digits say')
  .argument('<value>', 'the identifier (spaces, hyphens and dots are ignored)')
  .addOption(countryOption())
  .addOption(new Option('--kind <kind>', 'expected kind').choices(['IIN', 'BIN', 'INN', 'PIN']))
  .option('--json', 'print the result as JSON', false)
  .action((value: string, opts) => {
    const result = validateIdentifier(value, { country: opts.country, kind: opts.kind });
    if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      console.log(`${result.valid ? 'valid' : 'INVALID'}: ${result.country ?? '?'} ${result.kind ?? ''}`.trim());
      for (const e of result.errors) console.log(`  error   ${e.code}: ${e.message}`);
      for (const w of result.warnings) console.log(`  warning ${w.code}: ${w.message}`);
      if (result.suggestion) console.log(`  suggestion: ${result.suggestion.value} (${result.suggestion.reason})`);
      for (const [k, v] of Object.entries(result.details)) console.log(`  ${k}: ${v}`);
    }
    if (!result.valid) process.exitCode = EXIT_INVALID;
  });

program
  .command('esf')
  .description('pre-check one ESF (electronic invoice) given as JSON or as the Kazakh IS ESF InvoiceV2 XML, offline')
  .argument('<invoice.json|invoice.xml>', 'the request body of POST /v1/esf/precheck, or the InvoiceV2 document')
  .option('--json', 'print the result as JSON', false)
  .action(async (file: string, opts) => {
    const text = await readText(file);
    const { request: data, documentProblems } = isXml(file, text)
      ? readInvoiceXml(file, text)
      : readInvoiceJson(file, text);
    const result = precheckEsf(data);
    for (const p of documentProblems) console.error(`  document warning ${p.code} [${p.path}]: ${p.message}`);
    if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      console.log(
        `${result.submittable ? 'submittable' : 'NOT submittable'} — issue by ${result.deadline.issueBy} (${result.deadline.daysLeft} days left)`,
      );
      for (const f of result.findings)
        console.log(
          `  ${f.severity.padEnd(7)} ${f.code} [${f.field}]: ${f.message}${f.confidence ? ` (${f.confidence}: ${f.citation})` : ''}`,
        );
    }
    if (!result.submittable) process.exitCode = EXIT_INVALID;
  });

program
  .command('residency')
  .description('Kazakh tax residency for a tax year from a CSV of stays (entry, exit), offline')
  .argument('<stays.csv>', 'CSV with entry and exit columns (YYYY-MM-DD; an empty exit = still in Kazakhstan)')
  .requiredOption('--year <year>', 'the tax year', positiveInt)
  .option('--as-of <date>', 'the date open stays run to and planning starts from (default: today)')
  .option('--citizen', 'a Kazakh citizen', false)
  .option('--residence-permit', 'holds a Kazakh residence permit', false)
  .option('--family', 'family lives in Kazakhstan', false)
  .option('--real-estate', 'real estate in Kazakhstan is available to them or their family', false)
  .option('--aifc', 'an AIFC Investment Tax Residency Programme participant (90-day test)', false)
  .option('--treaty-certificate', 'holds a legalized foreign tax-residence certificate (foreigners)', false)
  .option('--json', 'print the result as JSON', false)
  .action(async (file: string, opts) => {
    const input = {
      taxYear: opts.year,
      stays: await readStaysCsv(file),
      ...(opts.asOf ? { asOf: opts.asOf } : {}),
      citizen: opts.citizen,
      residencePermit: opts.residencePermit,
      familyInKazakhstan: opts.family,
      realEstateAvailable: opts.realEstate,
      aifcProgramme: opts.aifc,
      treatyCertificate: opts.treatyCertificate,
    };
    const request = KzResidencyRequest.safeParse(input);
    if (!request.success) throw new InputError(issueSummary(KzResidencyRequest, input, request.error.issues));
    const result = assessKzResidency(request.data);
    if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      console.log(
        `${result.resident ? 'RESIDENT' : 'not resident'} in ${opts.year} (decided by ${result.decidedBy}); ${result.daysInTaxYear} days in the tax year`,
      );
      if (result.window)
        console.log(`  day test met: ${result.window.days} days from ${result.window.start} to ${result.window.end}`);
      else
        console.log(
          `  most days in a 12-month window: ${result.maxWindow.days} (${result.maxWindow.start} to ${result.maxWindow.end}), threshold ${result.threshold}`,
        );
      if (result.daysUntilThreshold !== undefined)
        console.log(`  days of presence still allowed: ${result.daysUntilThreshold}`);
      for (const r of result.reasons) console.log(`  - ${r.text} [${r.confidence}: ${r.citation}]`);
    }
  });

registerGenerateCommand(program);
addRulesCommand(program);

function positiveInt(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive whole number');
  return n;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new InputError(`cannot read ${file}: no such file`);
  }
}

/** An `.xml` file, or any file whose first character (after a BOM and blanks) opens a tag. */
const isXml = (file: string, text: string) => /\.xml$/i.test(file) || /^\uFEFF?\s*</.test(text);

type InvoiceInput = { request: EsfPrecheckRequestType; documentProblems: EsfXmlProblem[] };

function readInvoiceJson(file: string, text: string): InvoiceInput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`${file} is not valid JSON`);
  }
  const request = EsfPrecheckRequest.safeParse(json);
  if (!request.success) {
    throw new InputError(
      `${file} is not a valid invoice: ${issueSummary(EsfPrecheckRequest, json, request.error.issues)}`,
    );
  }
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

function printSummary(s: FileSummary): void {
  const out = (line = '') => process.stderr.write(`${line}\n`);
  out(`${s.rows} rows checked in ${s.seconds.toFixed(2)} s (${s.rowsPerSecond} rows/s), TIN column "${s.tinColumn}"`);
  out(
    `  valid ${s.valid}, invalid ${s.invalid}, with warnings ${s.withWarnings}${s.malformedRows ? `, malformed rows ${s.malformedRows}` : ''}`,
  );
  const lost = s.errorCounts.LEADING_ZERO_LOST ?? 0;
  if (s.fixedLeadingZeros) out(`  fixed ${s.fixedLeadingZeros} lost leading zero(s)`);
  else if (lost)
    out(`  ${lost} value(s) lost a leading zero in a spreadsheet: rerun with --fix-leading-zeros to restore them`);
  if (s.topProblems.length) {
    out('Top problems:');
    for (const p of s.topProblems)
      out(
        `  ${p.code.padEnd(22)} ${String(p.count).padStart(8)}  (lines ${p.exampleRows.join(', ')}${p.count > p.exampleRows.length ? ', …' : ''})`,
      );
  }
  for (const e of s.parseErrors.slice(0, 10)) out(`  line ${e.line}: ${e.message}`);
  if (s.parseErrors.length > 10) out(`  … ${s.parseErrors.length - 10} more malformed lines`);
  out(`Written: ${s.output}`);
}

/**
 * The one map from a failed run to its exit code. Help and --version end with 0. Everything else — a usage
 * error, unusable input (`InputError`), a domain refusal (`SalykError` from `shared/errors.ts`: dates
 * outside the rules data, overlapping stays, …) or an API that cannot be reached — means the input could
 * not be processed: 2. Exit 1 stays reserved for "the data was checked and something is invalid".
 */
function exitCodeFor(error: unknown): number {
  return error instanceof CommanderError && error.exitCode === 0 ? 0 : EXIT_INPUT;
}

program.parseAsync().catch((error: unknown) => {
  // commander has printed its own message (or the help) already.
  if (!(error instanceof CommanderError)) process.stderr.write(`salyk: ${(error as Error).message}\n`);
  process.exitCode = exitCodeFor(error);
});
