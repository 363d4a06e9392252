#!/usr/bin/env node
/**
 * The `salyk` command line: supplier-list validation (CSV/XLSX), single checks and ESF pre-checks,
 * offline by default; `--api` sends rows to a deployed or local Salyk API so they are audited.
 */
import { readFile } from 'node:fs/promises';
import { text as readAll } from 'node:stream/consumers';
import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { precheckEsf } from '../shared/esf/precheck.js';
import { LANGUAGES } from '../shared/i18n/index.js';
import { validateIdentifier } from '../shared/identifiers/validate.js';
import { assessKzResidency } from '../shared/residency/kz.js';
import { issueSummary } from '../shared/schemas/issues.js';
import { KzResidencyRequest } from '../shared/schemas/residency.js';
import { JOB_THRESHOLD_BYTES, usesJob, validateFileAsJob } from './api-job.js';
import { registerGenerateCommand } from './commands/generate.js';
import { addRulesCommand } from './commands/rules.js';
import { readInvoice } from './invoice-file.js';
import { cliLang, say, setLang } from './lang.js';
import { libraryOptions } from './library-options.js';
import { InputError } from './readers.js';
import type { FileSummary } from './row-results.js';
import { readStaysCsv } from './stays-file.js';
import { validateFile } from './supplier-list.js';
import { addVatCommand } from './vat.js';

/** The package version, put in by the bundler (scripts/build.ts reads package.json); `dev` when run from source. */
declare const SALYK_VERSION: string | undefined;
const VERSION = typeof SALYK_VERSION === 'string' ? SALYK_VERSION : 'dev';

// Streaming a file allocates a lot of short-lived garbage; V8's default heap growth lets the old space
// balloon between major GCs, so peak memory would creep up with the file size. Grow it gently instead.
setFlagsFromString('--heap-growing-percent=50');

/** Exit codes: 0 ok, 1 something invalid (with --fail-on-invalid, or a failed single check), 2 unusable input. */
const EXIT_INVALID = 1;
const EXIT_INPUT = 2;

const program = new Command()
  .name('salyk')
  .description('Kazakh IIN/BIN and Kyrgyz INN/PIN checks, ESF pre-checks — offline, or through the Salyk API')
  .version(VERSION, '-V, --version', 'print the version')
  .addOption(
    new Option('--lang <lang>', 'language of messages (default: from LC_ALL / LC_MESSAGES / LANG)').choices(LANGUAGES),
  )
  .showHelpAfterError()
  // Usage errors must not exit 1, which means "invalid data" to scripts: throw, and exit 2 below.
  // Set before the commands are added, which inherit it.
  .exitOverride();

const countryOption = () => new Option('--country <country>', 'force the country').choices(['KZ', 'KG']);

program
  .command('validate')
  .description('validate the TIN column of a supplier list (.csv, .txt or .xlsx) and write <name>.checked.<csv|xlsx>')
  .argument(
    '<file>',
    'CSV/TXT (comma, semicolon or tab; UTF-8, UTF-16 or Windows-1251) or XLSX file; - reads a CSV from stdin',
  )
  .option('-o, --output <file>', 'where to write (default: <input name>.checked.<ext> beside the input; stdout for -)')
  .addOption(new Option('--format <format>', "output format (default: the input's)").choices(['csv', 'xlsx']))
  .option(
    '--column <name>',
    'the TIN column, by header name or 1-based number (default: a header such as БИН/ИИН, ИНН/ПИН, ЖСН/БСН, TIN)',
  )
  .option(
    '--header-row <n>',
    "the header's row (CSV line or sheet row; default: found among the first 20 rows)",
    positiveInt,
  )
  .option('--encoding <name>', 'CSV encoding: utf-8, utf-16le, utf-16be or cp1251 (default: detected)')
  .option('--output-encoding <name>', "CSV output encoding (default: the input's)")
  .option('--sheet <name>', 'XLSX sheet name or 1-based number (default: the first)')
  .addOption(countryOption())
  .option('--fix-leading-zeros', 'apply LEADING_ZERO_LOST suggestions to the output', false)
  .option('--fail-on-invalid', 'exit with code 1 when any row is invalid', false)
  .option('--json', 'print the summary as JSON on stdout', false)
  .option('--quiet', 'no progress output', false)
  .option('--api <url>', 'validate through the Salyk API at this base URL (rows are audited there)')
  .option('--key <key>', 'API key for --api (or SALYK_API_KEY)')
  .option('--concurrency <n>', 'batches of up to 10 000 in flight with --api', positiveInt, 4)
  .addOption(
    new Option(
      '--jobs <when>',
      `with --api: run the file as a bulk job (POST /v1/jobs) — auto: from ${JOB_THRESHOLD_BYTES / 1024} KiB`,
    )
      .choices(['auto', 'always', 'never'])
      .default('auto'),
  )
  .action(async (file: string, opts) => {
    const key = opts.key ?? process.env.SALYK_API_KEY;
    if (opts.api && !key) throw new InputError('--api needs --key (or SALYK_API_KEY)');
    const options = {
      input: file,
      output: opts.output,
      column: opts.column,
      sheet: opts.sheet,
      format: opts.format,
      headerRow: opts.headerRow,
      encoding: opts.encoding,
      outputEncoding: opts.outputEncoding,
      country: opts.country,
      fixLeadingZeros: opts.fixLeadingZeros,
      quiet: opts.quiet || opts.json,
      api: opts.api ? { url: opts.api, key, concurrency: opts.concurrency } : undefined,
    };
    const summary =
      options.api && (await usesJob(options, opts.jobs))
        ? await validateFileAsJob({ ...options, api: options.api })
        : await validateFile(options);
    if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else printSummary(summary);
    if (opts.failOnInvalid && summary.invalid > 0) process.exitCode = EXIT_INVALID;
  });

program
  .command('check')
  .description('validate one identifier and show what its digits say')
  .argument('<value...>', 'the identifier; several arguments are one number (`0612 1160 0012`)')
  .addOption(countryOption())
  .addOption(new Option('--kind <kind>', 'expected kind').choices(['IIN', 'BIN', 'INN', 'PIN']))
  .option('--json', 'print the result as JSON', false)
  .action((parts: string[], opts) => {
    const options = {
      ...libraryOptions({ country: opts.country, lang: currentLang() }),
      ...(opts.kind ? { kind: opts.kind } : {}),
    };
    const result = validateIdentifier(parts.join(' '), options);
    if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      console.log(
        `${say(result.valid ? 'cli.check.valid' : 'cli.check.invalid')}: ${result.country ?? '?'} ${result.kind ?? ''}`.trim(),
      );
      for (const e of result.errors) console.log(`  ${say('cli.check.error').padEnd(7)} ${e.code}: ${e.message}`);
      for (const w of result.warnings) console.log(`  ${say('cli.check.warning').padEnd(7)} ${w.code}: ${w.message}`);
      if (result.suggestion)
        console.log(`  ${say('cli.check.suggestion')}: ${result.suggestion.value} (${result.suggestion.reason})`);
      for (const [k, v] of Object.entries(result.details)) console.log(`  ${k}: ${v}`);
    }
    if (!result.valid) process.exitCode = EXIT_INVALID;
  });

program
  .command('esf')
  .description('pre-check one ESF (electronic invoice) given as JSON or as the Kazakh IS ESF InvoiceV2 XML, offline')
  .argument(
    '<invoice.json|invoice.xml>',
    'the request body of POST /v1/esf/precheck, or the InvoiceV2 document (- reads standard input)',
  )
  .option('--json', 'print the result as JSON', false)
  .action(async (file: string, opts) => {
    const { request, documentProblems } = await readInvoice(file);
    const result = precheckEsf(request, { lang: currentLang() });
    for (const p of documentProblems) console.error(`  document warning ${p.code} [${p.path}]: ${p.message}`);
    if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      console.log(
        say('cli.esf.verdict', {
          ok: result.submittable,
          issueBy: result.deadline.issueBy,
          daysLeft: result.deadline.daysLeft,
        }),
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
    const result = assessKzResidency(request.data, { lang: currentLang() });
    if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      console.log(
        say('cli.residency.verdict', {
          resident: result.resident,
          year: opts.year,
          decidedBy: result.decidedBy,
          days: result.daysInTaxYear,
        }),
      );
      if (result.window) console.log(say('cli.residency.window', result.window));
      else console.log(say('cli.residency.maxWindow', { ...result.maxWindow, threshold: result.threshold }));
      if (result.daysUntilThreshold !== undefined)
        console.log(say('cli.residency.allowed', { days: result.daysUntilThreshold }));
      for (const r of result.reasons) console.log(`  - ${r.text} [${r.confidence}: ${r.citation}]`);
    }
  });

function positiveInt(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive whole number');
  return n;
}

/** A JSON file, or standard input for `-`. */
async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await readAll(process.stdin) : await readFile(file, 'utf8');
  } catch {
    throw new InputError(say('cli.error.noFile', { file }));
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new InputError(say('cli.error.notJson', { file }));
  }
}

function currentLang() {
  return cliLang(program.opts().lang);
}

function printSummary(s: FileSummary): void {
  const out = (line = '') => process.stderr.write(`${line}\n`);
  out(
    say('cli.summary.checked', {
      rows: s.rows,
      seconds: s.seconds.toFixed(2),
      rate: s.rowsPerSecond,
      column: s.tinColumn,
    }),
  );
  out(
    say('cli.summary.counts', {
      read: s.rows,
      skipped: s.blankRows,
      valid: s.valid,
      invalid: s.invalid,
      warnings: s.withWarnings,
    }),
  );
  if (s.malformedRows) out(say('cli.summary.malformed', { count: s.malformedRows }));
  const lost = s.errorCounts.LEADING_ZERO_LOST ?? 0;
  if (s.fixedLeadingZeros) out(say('cli.summary.fixed', { count: s.fixedLeadingZeros }));
  else if (lost) out(say('cli.summary.zerosLost', { count: lost }));
  if (s.topProblems.length) {
    out(say('cli.summary.topProblems'));
    for (const p of s.topProblems) {
      const lines = say('cli.summary.lines', {
        lines: `${p.exampleRows.join(', ')}${p.count > p.exampleRows.length ? ', …' : ''}`,
      });
      out(`  ${p.code.padEnd(22)} ${String(p.count).padStart(8)}  (${lines})`);
    }
  }
  for (const e of s.parseErrors.slice(0, 10)) out(say('cli.summary.line', { line: e.line, message: e.message }));
  if (s.parseErrors.length > 10) out(say('cli.summary.moreMalformed', { count: s.parseErrors.length - 10 }));
  if (s.utf8Instead) out(say('cli.summary.utf8Instead'));
  out(
    say('cli.summary.written', {
      path: s.output === '-' ? 'stdout' : s.output,
      encoding: s.outputEncoding ?? s.format,
    }),
  );
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

addVatCommand(program, readJson);
registerGenerateCommand(program);
addRulesCommand(program);

// The language is known once the options are parsed, before any command runs.
program.hook('preAction', () => setLang(currentLang()));
setLang(cliLang(undefined));

program.parseAsync().catch((error: unknown) => {
  // commander has printed its own message (or the help) already.
  if (!(error instanceof CommanderError)) process.stderr.write(`salyk: ${(error as Error).message}\n`);
  process.exitCode = exitCodeFor(error);
});
