import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateIdentifier, validateIdentifier } from '../../../shared/index.js';
import { warningCodes } from './helpers.js';

/**
 * Without `asOf`, "today" comes from the clock, which validateIdentifier reads only when a date compares as later
 * than its cached day. The cache must never make a past date look future or a future date look past, also after
 * the clock has moved on to another day.
 */
const iinBornOn = (birthDate: string) => generateIdentifier({ country: 'KZ', kind: 'IIN', birthDate, seed: 1 });
const kgPinBornOn = (birthDate: string) => generateIdentifier({ country: 'KG', kind: 'PIN', birthDate, seed: 1 });

afterEach(() => {
  vi.useRealTimers();
});

describe('validateIdentifier without asOf: today from the clock', () => {
  it('warns about a birth date after today and not about one on today, across a change of day', () => {
    // Prepare: the cache holds 2030-05-10
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-05-10T23:59:00Z'));
    const first = validateIdentifier(iinBornOn('2030-05-11'));

    // Act: two days later, the cached day is stale
    vi.setSystemTime(new Date('2030-05-12T00:01:00Z'));
    const born11 = validateIdentifier(iinBornOn('2030-05-11'));
    const born12 = validateIdentifier(kgPinBornOn('2030-05-12'));
    const born13 = validateIdentifier(kgPinBornOn('2030-05-13'));

    // Assess
    expect(warningCodes(first)).toEqual(['BIRTH_DATE_IN_FUTURE']);
    expect(warningCodes(born11)).toEqual([]);
    expect(warningCodes(born12)).toEqual(['STRUCTURE_UNCONFIRMED']);
    expect(warningCodes(born13)).toEqual(['STRUCTURE_UNCONFIRMED', 'BIRTH_DATE_IN_FUTURE']);
    expect(born13.warnings[1]?.message).toContain('after 2030-05-12');
  });

  it('reads a BIN year as the latest one not after the current year, also once the year has changed', () => {
    // Prepare: a BIN registered in '31: 1931 while it is 2030, 2031 from 2031 on
    const bin = generateIdentifier({ country: 'KZ', kind: 'BIN', registered: '2031-01', seed: 2 });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-12-31T12:00:00Z'));
    const before = validateIdentifier(bin);

    // Act
    vi.setSystemTime(new Date('2031-01-01T12:00:00Z'));
    const after = validateIdentifier(bin);

    // Assess
    expect(before.details).toMatchObject({ registered: '1931-01' });
    expect(after.details).toMatchObject({ registered: '2031-01' });
  });
});
