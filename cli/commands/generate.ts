/**
 * `salyk generate`: test identifiers for integrators, one per line on stdout (see `generateIdentifiers`).
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type GenerateOptions, generateIdentifiers, type InvalidityKind } from '../../shared/identifiers/generate.js';
import type { IdentifierKind, KzBinDivision, KzBinEntityType } from '../../shared/identifiers/types.js';
import { countryOfKind } from '../../shared/identifiers/validate.js';
import { InputError } from '../readers.js';

interface GenerateFlags {
  country?: 'KZ' | 'KG';
  kind: IdentifierKind;
  count: number;
  seed?: number;
  birthDate?: string;
  century?: string;
  sex?: 'male' | 'female';
  registered?: string;
  entityType?: KzBinEntityType;
  division?: KzBinDivision;
  foreignNational: boolean;
  invalid?: InvalidityKind;
}

/** Which flags each kind understands, so a flag that would be silently ignored is an input error instead. */
const FLAGS_OF_KIND: Record<IdentifierKind, readonly (keyof GenerateFlags)[]> = {
  IIN: ['birthDate', 'century', 'sex'],
  BIN: ['registered', 'entityType', 'division'],
  INN: ['registered'],
  PIN: ['birthDate', 'foreignNational'],
};
const KIND_FLAGS: readonly (keyof GenerateFlags)[] = [
  'birthDate',
  'century',
  'sex',
  'registered',
  'entityType',
  'division',
  'foreignNational',
];

function wholeNumber(min: number): (raw: string) => number {
  return (raw) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`a whole number ≥ ${min}`);
    return n;
  };
}

/** Turns the command-line flags into the library's options for the chosen kind. */
function generateOptionsFrom(flags: GenerateFlags): GenerateOptions {
  const country = countryOfKind(flags.kind);
  if (flags.country && flags.country !== country)
    throw new InputError(`${flags.kind} is a ${country} identifier, not ${flags.country}`);
  const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  for (const key of KIND_FLAGS) {
    if (flags[key] !== undefined && flags[key] !== false && !FLAGS_OF_KIND[flags.kind].includes(key)) {
      throw new InputError(`${flagName(key)} does not apply to a ${country} ${flags.kind}`);
    }
  }
  const { seed, invalid } = flags;
  switch (flags.kind) {
    case 'IIN': {
      const century = flags.century === undefined ? undefined : (Number(flags.century) as 1800 | 1900 | 2000);
      return { country: 'KZ', kind: 'IIN', seed, invalid, birthDate: flags.birthDate, century, sex: flags.sex };
    }
    case 'BIN': {
      const { registered, entityType, division } = flags;
      return { country: 'KZ', kind: 'BIN', seed, invalid, registered, entityType, division };
    }
    case 'INN':
      if (invalid === 'checksum')
        throw new InputError('KG numbers have no check digit: use --invalid date or leading-zero');
      return { country: 'KG', kind: 'INN', seed, invalid, registeredOn: flags.registered };
    case 'PIN':
      if (invalid && invalid !== 'date') throw new InputError('a KG PIN can only be made invalid by --invalid date');
      return {
        country: 'KG',
        kind: 'PIN',
        seed,
        invalid,
        birthDate: flags.birthDate,
        foreignNational: flags.foreignNational,
      };
  }
}

/** Adds `salyk generate` to the program (as a subcommand, so it inherits the program's error settings). */
export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('print test identifiers, one per line: valid by default, or invalid in one chosen way')
    .addOption(new Option('--country <country>', 'KZ or KG (implied by --kind)').choices(['KZ', 'KG']))
    .addOption(new Option('--kind <kind>', 'what to make').choices(['IIN', 'BIN', 'INN', 'PIN']).makeOptionMandatory())
    .option('--count <n>', 'how many', wholeNumber(1), 1)
    .option('--seed <n>', 'seed: the same seed and options print the same numbers (default: random)', wholeNumber(0))
    .option('--birth-date <YYYY-MM-DD>', 'KZ IIN / KG PIN: the birth date')
    .addOption(
      new Option('--century <year>', 'KZ IIN: century of a random birth date').choices(['1800', '1900', '2000']),
    )
    .addOption(new Option('--sex <sex>', 'KZ IIN: the sex in the 7th digit').choices(['male', 'female']))
    .option('--registered <date>', 'KZ BIN: registration month YYYY-MM; KG INN: registration date YYYY-MM-DD')
    .addOption(
      new Option('--entity-type <type>', 'KZ BIN: the 5th digit').choices([
        'resident_legal_entity',
        'non_resident_legal_entity',
        'joint_individual_entrepreneur',
      ]),
    )
    .addOption(
      new Option('--division <division>', 'KZ BIN: the 6th digit').choices([
        'head_office',
        'branch',
        'representative_office',
        'other_subdivision_or_peasant_farm',
        'peasant_farm',
      ]),
    )
    .option('--foreign-national', "KG PIN: a foreign national's PIN (first digit 4)", false)
    .addOption(
      new Option(
        '--invalid <way>',
        'make invalid numbers: wrong check digit, impossible date, or lost leading 0',
      ).choices(['checksum', 'date', 'leading-zero']),
    )
    .action((flags: GenerateFlags) => {
      const values = generateIdentifiers(flags.count, generateOptionsFrom(flags));
      process.stdout.write(`${values.join('\n')}\n`);
    });
}
