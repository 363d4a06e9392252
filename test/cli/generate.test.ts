import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIdentifiers, validateIdentifier } from '../../shared/index.js';
import { disposeBuild, ensureBuilt, salyk } from '../fixtures/salyk-cli.js';

/** `salyk generate`: the real binary, built from the current sources, prints test numbers one per line. */
beforeAll(ensureBuilt, 180_000);
afterAll(disposeBuild);

const lines = (stdout: string): string[] => stdout.split('\n').filter((l) => l !== '');

describe('salyk generate', () => {
  it('prints --count IINs with the asked birth date and sex, the same numbers as the library for the seed', async () => {
    // Act
    const run = await salyk([
      'generate',
      '--country',
      'KZ',
      '--kind',
      'IIN',
      '--count',
      '5',
      '--seed',
      '1',
      '--birth-date',
      '1995-07-12',
      '--sex',
      'female',
    ]);

    // Assess
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const values = lines(run.stdout);
    expect(values).toHaveLength(5);
    for (const value of values) {
      expect(validateIdentifier(value, { asOf: '2026-11-22' })).toMatchObject({
        valid: true,
        kind: 'IIN',
        details: { birthDate: '1995-07-12', sex: 'female' },
      });
    }
    expect(values).toEqual(
      generateIdentifiers(5, { country: 'KZ', kind: 'IIN', seed: 1, birthDate: '1995-07-12', sex: 'female' }),
    );
  });

  it.each([
    [['--kind', 'BIN', '--invalid', 'checksum'], 'INVALID_CHECKSUM'],
    [['--kind', 'IIN', '--invalid', 'date'], 'INVALID_DATE'],
    [['--kind', 'PIN', '--invalid', 'date'], 'INVALID_DATE'],
    [['--kind', 'INN', '--invalid', 'leading-zero'], 'LEADING_ZERO_LOST'],
    [['--kind', 'BIN', '--registered', '2004-05', '--invalid', 'leading-zero'], 'LEADING_ZERO_LOST'],
  ])('salyk generate %j prints numbers that fail with %s', async (args, code) => {
    // Act
    const run = await salyk(['generate', '--count', '20', '--seed', '7', ...args]);

    // Assess
    expect(run.code).toBe(0);
    const values = lines(run.stdout);
    expect(values).toHaveLength(20);
    for (const value of values) expect(validateIdentifier(value).errors.map((e) => e.code)).toEqual([code]);
  });

  it('prints valid KG PINs of foreign nationals and KZ BINs of the asked type', async () => {
    // Act
    const pins = await salyk(['generate', '--kind', 'PIN', '--foreign-national', '--birth-date', '1990-01-31']);
    const bins = await salyk([
      'generate',
      '--kind',
      'BIN',
      '--count',
      '3',
      '--registered',
      '2019-03',
      '--entity-type',
      'non_resident_legal_entity',
      '--division',
      'branch',
    ]);

    // Assess
    expect(validateIdentifier(lines(pins.stdout)[0] ?? '')).toMatchObject({
      valid: true,
      details: { birthDate: '1990-01-31', foreignNational: true },
    });
    expect(lines(bins.stdout).map((v) => validateIdentifier(v).details)).toEqual(
      Array(3).fill({
        holder: 'legal_entity',
        registered: '2019-03',
        entityType: 'non_resident_legal_entity',
        division: 'branch',
      }),
    );
  });

  it.each([
    [['--kind', 'PIN', '--sex', 'male'], /--sex does not apply to a KG PIN/],
    [['--kind', 'INN', '--invalid', 'checksum'], /no check digit/],
    [['--kind', 'IIN', '--country', 'KG'], /IIN is a KZ identifier, not KG/],
    [['--kind', 'IIN', '--birth-date', '1995-02-30'], /birthDate must be a real date/],
    [['--kind', 'IIN', '--count', '0'], /--count/],
    [['--country', 'KZ'], /--kind/],
  ])('exits 2 with a message for unusable flags %j', async (args, message) => {
    // Act
    const run = await salyk(['generate', ...args]);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});
