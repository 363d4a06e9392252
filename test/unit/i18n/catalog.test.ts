import { describe, expect, it } from 'vitest';
import { FINDING_CODES, IDENTIFIER_ERROR_CODES, IDENTIFIER_WARNING_CODES } from '../../../shared/enums.js';
import { codeOf, LANGUAGES, langOf, MESSAGES, negotiateLang, t } from '../../../shared/i18n/index.js';

const READINGS = [
  { value: '061211600012', country: 'KZ', kind: 'IIN' },
  { value: '00207199610017', country: 'KG', kind: 'INN' },
];

/** Sample parameters for every placeholder name the catalog uses. */
const SAMPLE = new Proxy({} as Record<string, unknown>, {
  get: (_target, name) =>
    (
      ({
        count: 11,
        expected: 5,
        digit: 7,
        zeros: 1,
        country: 'KZ',
        wanted: 'BIN',
        kind: 'IIN',
        readings: READINGS,
        kg: true,
        role: 'supplier',
        supplyType: 'export',
        category: 'medicines',
        missing: ['contract', 'bank_proceeds'],
        // reason phrases (shared/i18n/rules.ts)
        keeps: ['contract', 'payment_proof'],
        test: 'days_183',
        activity: 'trade',
      }) as Record<string, unknown>
    )[String(name)] ?? `‹${String(name)}›`,
});

/** Every code the contract can report: identifier errors and warnings, ESF findings. */
const CODES = [...IDENTIFIER_ERROR_CODES, ...IDENTIFIER_WARNING_CODES, ...FINDING_CODES];

describe('message catalog', () => {
  it.each(Object.keys(MESSAGES))('%s has a non-empty text in ru, kk, ky and en', (key) => {
    // Prepare
    const entry = MESSAGES[key as keyof typeof MESSAGES] as Record<string, (p: unknown) => string>;

    // Act
    const texts = Object.fromEntries(LANGUAGES.map((lang) => [lang, entry[lang]?.(SAMPLE)]));

    // Assess
    for (const lang of LANGUAGES) expect(texts[lang], `${key} ${lang}`).toMatch(/\S{2,}/);
    // Russian, Kazakh and Kyrgyz texts are written in Cyrillic, not left in English.
    for (const lang of ['ru', 'kk', 'ky'] as const)
      expect(texts[lang], `${key} ${lang}`).toMatch(/[а-яёәіңғүұқөһ]{3,}/i);
    // Kazakh and Kyrgyz are not Russian copied over.
    expect(texts.kk).not.toBe(texts.ru);
    expect(texts.ky).not.toBe(texts.ru);
  });

  it.each(CODES)('%s has at least one catalog entry, with a text in every language', (code) => {
    // Prepare
    const keys = Object.keys(MESSAGES).filter((key) => codeOf(key as keyof typeof MESSAGES) === code);

    // Act
    const texts = keys.flatMap((key) => {
      const entry = MESSAGES[key as keyof typeof MESSAGES] as Partial<Record<string, (p: unknown) => string>>;
      return LANGUAGES.map((lang) => entry[lang]?.(SAMPLE) ?? '');
    });

    // Assess
    expect(keys.length, `no catalog key for ${code}`).toBeGreaterThan(0);
    expect(texts).toHaveLength(keys.length * LANGUAGES.length);
    for (const text of texts) expect(text).toMatch(/\S{2,}/);
  });

  it('formats with typed parameters and keeps the English contract text', () => {
    expect(t('INVALID_CHECKSUM.expected', 'en', { expected: 5, actual: '3' })).toBe(
      'the check digit should be 5, not 3',
    );
    expect(t('INVALID_CHECKSUM.expected', 'ru', { expected: 5, actual: '3' })).toBe(
      'контрольная цифра должна быть 5, а не 3',
    );
    expect(t('INVALID_LENGTH', 'ru', { count: 11, country: 'KZ' })).toMatch(/^11 цифр; ожидается 12 цифр/);
    expect(t('INVALID_LENGTH', 'ru', { count: 2, country: null })).toMatch(/^2 цифры;/);
    expect(t('INVALID_LENGTH', 'ru', { count: 1, country: null })).toMatch(/^1 цифра;/);
  });
});

describe('language negotiation', () => {
  it.each([
    ['ru-RU,ru;q=0.9,en;q=0.8', 'ru'],
    ['kk', 'kk'],
    ['ky-KG', 'ky'],
    ['de-DE,kk;q=0.5,ru;q=0.4', 'kk'],
    ['en;q=0.2, ky;q=0.9', 'ky'],
    ['fr', 'en'],
    ['*', 'en'],
    ['', 'en'],
    ['ru;q=0, kk;q=abc, ky;q=0.1', 'ky'],
  ])('Accept-Language %j → %s', (header, lang) => {
    expect(negotiateLang(header)).toBe(lang);
  });

  it.each([
    ['ru_RU.UTF-8', 'ru'],
    ['kk_KZ', 'kk'],
    ['C.UTF-8', undefined],
    [undefined, undefined],
    ['KY', 'ky'],
  ])('locale %j → %s', (locale, lang) => {
    expect(langOf(locale)).toBe(lang);
  });
});
