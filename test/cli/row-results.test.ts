import { describe, expect, it } from 'vitest';
import { supplierRowFactory } from '../../bench/generate-suppliers.js';
import { cellChecker, tinChecker } from '../../cli/row-results.js';
import { LANGUAGES } from '../../shared/i18n/languages.js';
import type { IdentifierResult } from '../../shared/identifiers/types.js';

/**
 * `salyk validate` checks most cells through tinChecker, which gives a routine valid number its kind's shared
 * result instead of the full check's: what the output columns read of it must be the full check's, value by value.
 */
const AS_OF = '2026-11-30';

const values = (() => {
  const row = supplierRowFactory(5);
  const generated = Array.from({ length: 3000 }, (_, i) => row(i).split(',')[1] ?? '');
  // a birth date after AS_OF (IIN, KG PIN), a foreign national's PIN, separators, lost zeros, blanks
  return [...generated, '261201500013', '20112202612345', '41503199012345', '0612 1160 0012', '61211600012', ' '];
})();

/** What the output columns and counts read of a result. */
const columns = ({ valid, country, kind, errors, warnings, suggestion }: IdentifierResult) => ({
  valid,
  country,
  kind,
  errors,
  warnings,
  suggestion,
});

describe('Function: tinChecker', () => {
  it.each(LANGUAGES)(
    'gives every cell the columns of the full check, sharing one result per routine kind (%s)',
    (lang) => {
      for (const fixLeadingZeros of [false, true]) {
        // Prepare
        const options = { lang, fixLeadingZeros };
        const full = cellChecker({ lang, asOf: AS_OF }, fixLeadingZeros);
        const tin = tinChecker(options, AS_OF);

        // Act
        const checked = values.map((value) => ({ value, result: tin(value) }));

        // Assess
        for (const { value, result } of checked) expect(columns(result), value).toEqual(columns(full(value)));
        const shared = checked.filter(({ result }) => tin.sharedIndex(result) !== -1);
        expect(new Set(shared.map(({ result }) => result.kind))).toEqual(new Set(['BIN', 'IIN', 'INN', 'PIN']));
        expect(new Set(shared.map(({ result }) => result)).size).toBe(4);
        expect(shared.length).toBeGreaterThan(values.length / 2);
      }
    },
  );
});
