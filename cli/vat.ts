import { type Command, Option } from 'commander';
import { BUYER_TYPES, REGIMES, SELLER_ACTIVITIES, SUPPLY_CATEGORIES } from '../shared/enums.js';
import { VatAssessRequest } from '../shared/schemas/vat.js';
import type { VatAssessment } from '../shared/vat/assess.js';
import { assessVat } from '../shared/vat/assess.js';
import { lang, say } from './lang.js';
import { InputError } from './table.js';

/** Flags of `salyk vat`, each one field of the `POST /v1/vat/assess` body. */
interface VatFlags {
  country?: string;
  date?: string;
  sellerResidence?: string;
  regime?: string;
  sellerVatRegistered?: boolean;
  htpResident?: boolean;
  activity?: string;
  turnover?: number;
  firstSaleDate?: string;
  buyer?: string;
  buyerResidence?: string;
  buyerVatRegistered?: boolean;
  category?: string;
  net?: number;
  destination?: string;
  itServices?: boolean;
}

const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The request body from flags (a JSON file's body is used as it is; flags given too override its fields). */
function vatBody(flags: VatFlags, file?: Record<string, unknown>): unknown {
  const part = (key: string) => (file?.[key] && typeof file[key] === 'object' ? (file[key] as object) : {});
  return {
    ...file,
    ...defined({ country: flags.country, date: flags.date }),
    seller: {
      ...part('seller'),
      ...defined({
        residence: flags.sellerResidence,
        regime: flags.regime,
        vatRegistered: flags.sellerVatRegistered,
        htpResident: flags.htpResident,
        activity: flags.activity,
        turnover12m: flags.turnover,
        firstSaleDate: flags.firstSaleDate,
      }),
    },
    buyer: {
      ...part('buyer'),
      ...defined({ type: flags.buyer, residence: flags.buyerResidence, vatRegistered: flags.buyerVatRegistered }),
    },
    supply: {
      ...part('supply'),
      ...defined({
        category: flags.category,
        net: flags.net,
        destination: flags.destination,
        itServices: flags.itServices,
      }),
    },
  };
}

/** Validates the body with the API route's own schema (same answer as `POST /v1/vat/assess`) and assesses it. */
function assessVatBody(body: unknown, source: string): VatAssessment {
  const request = VatAssessRequest.safeParse(body);
  if (!request.success) {
    const issues = request.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new InputError(say('cli.error.invalidRequest', { file: source, issues }));
  }
  return assessVat(request.data, { lang: lang() });
}

/** The answer as a person reads it: verdict, registration, filing, amounts, and every reason with its citation. */
function vatLines(result: VatAssessment): string[] {
  const lines = [
    say('cli.vat.verdict', {
      applies: result.vatApplies,
      country: result.vatCountry,
      rate: `${result.rate}%`,
      liable: result.liableParty,
    }),
    say('cli.vat.registration', {
      required: result.registration.required,
      deadline: result.registration.deadline ?? '',
    }),
  ];
  if (result.filing) lines.push(say('cli.vat.filing', result.filing));
  if (result.amounts) lines.push(say('cli.vat.amounts', result.amounts));
  for (const r of result.reasons) lines.push(`  - ${r.text} [${r.confidence}: ${r.citation}]`);
  lines.push(`  rules ${result.rulesetVersion}`);
  return lines;
}

const bool = (name: string, description: string) => new Option(`--${name}`, description);

/** Adds `salyk vat` to the program; `read` loads a JSON file (or `-`, standard input). */
export function addVatCommand(program: Command, read: (file: string) => Promise<unknown>): void {
  program
    .command('vat')
    .description('does VAT apply, who pays, registration and filing — offline, the same answer as POST /v1/vat/assess')
    .argument('[request.json]', 'the request body of POST /v1/vat/assess (or - for standard input); flags override it')
    .addOption(new Option('--country <country>', 'the country whose VAT is asked about').choices(['KZ', 'KG']))
    .option('--date <date>', 'the supply date, YYYY-MM-DD')
    .option('--seller-residence <iso2>', 'where the seller is resident (ISO 3166 alpha-2, e.g. DE)')
    .addOption(new Option('--regime <regime>', "the seller's tax regime").choices(REGIMES))
    .addOption(bool('seller-vat-registered', 'the seller is registered for VAT'))
    .addOption(bool('htp-resident', 'the seller is a High Technology Park resident (KG)'))
    .addOption(new Option('--activity <activity>', 'KG: what the seller mainly does').choices(SELLER_ACTIVITIES))
    .option('--turnover <amount>', "the seller's turnover over the last 12 months", Number)
    .option('--first-sale-date <date>', "the seller's first sale in the country, YYYY-MM-DD")
    .addOption(new Option('--buyer <type>', 'who buys').choices(BUYER_TYPES))
    .option('--buyer-residence <iso2>', 'where the buyer is resident (ISO 3166 alpha-2)')
    .addOption(bool('buyer-vat-registered', 'the buyer is registered for VAT'))
    .addOption(new Option('--category <category>', 'what is supplied').choices(SUPPLY_CATEGORIES))
    .option('--net <amount>', 'the net amount (VAT is computed on it)', Number)
    .option('--destination <iso2>', 'where goods go (ISO 3166 alpha-2)')
    .addOption(bool('it-services', 'the services are IT services'))
    .option('--json', 'print the answer as JSON', false)
    .action(async (file: string | undefined, opts: VatFlags & { json: boolean }) => {
      const fromFile = file ? await read(file) : undefined;
      if (fromFile !== undefined && (typeof fromFile !== 'object' || fromFile === null || Array.isArray(fromFile)))
        throw new InputError(say('cli.error.invalidRequest', { file: file ?? '', issues: 'expected a JSON object' }));
      const result = assessVatBody(vatBody(opts, fromFile as Record<string, unknown> | undefined), file ?? 'flags');
      if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else for (const line of vatLines(result)) console.log(line);
    });
}
