import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/i18n/index.js';
import { type ValidateOptions, validateIdentifier } from '../../../shared/index.js';
import { AS_OF, errorCodes } from './helpers.js';

/** Invalid inputs that between them reach every identifier error code and both countries. */
const SAMPLE: [string, ValidateOptions][] = [
  ['94014000038A', {}],
  ['', {}],
  ['8.9052E+11', {}],
  ['1234567', {}],
  ['940140000386', {}],
  ['831232300012', {}],
  ['850315000574', {}],
  ['940170000385', {}],
  ['61211600012', {}],
  ['940140000385', { kind: 'IIN' }],
  ['940140000385', { kind: 'INN', country: 'KZ' }],
  ['32071995100920', {}],
  ['30207199610017', {}],
];

const CYRILLIC = /[а-яёәіңғүұқөһ]{3,}/i;

describe('Function: validateIdentifier — messages in every language', () => {
  it.each(SAMPLE)('%j %j: the same codes in every language, the text in that language', (value, options) => {
    // Act
    const results = LANGUAGES.map((lang) => validateIdentifier(value, { ...options, asOf: AS_OF, lang }));
    const english = validateIdentifier(value, { ...options, asOf: AS_OF });

    // Assess
    expect(english.valid).toBe(false);
    expect(results[LANGUAGES.indexOf('en')]).toEqual(english);
    for (const [i, lang] of LANGUAGES.entries()) {
      const result = results[i];
      expect(result && errorCodes(result)).toEqual(errorCodes(english));
      expect(result?.suggestion).toEqual(english.suggestion);
      for (const issue of [...(result?.errors ?? []), ...(result?.warnings ?? [])]) {
        if (lang === 'en') expect(issue.message).not.toMatch(CYRILLIC);
        else expect(issue.message, `${lang} ${issue.code}`).toMatch(CYRILLIC);
      }
    }
  });

  it('speaks of ИИН/БИН in Russian, ЖСН/БСН in Kazakh and ИНН/ПИН for Kyrgyz numbers', () => {
    // Act
    const ru = validateIdentifier('61211600012', { asOf: AS_OF, lang: 'ru' });
    const kk = validateIdentifier('61211600012', { asOf: AS_OF, lang: 'kk' });
    const kkBin = validateIdentifier('940140000385', { kind: 'IIN', asOf: AS_OF, lang: 'kk' });
    const ky = validateIdentifier('1207199510092', { asOf: AS_OF, lang: 'ky' });
    const ruLength = validateIdentifier('12345', { asOf: AS_OF, lang: 'ru' });

    // Assess
    expect(ru.errors[0]?.message).toContain('061211600012 — действительный ИИН Казахстана');
    expect(kk.errors[0]?.message).toContain('061211600012 — Қазақстанның жарамды ЖСН-і');
    expect(kkBin.errors[0]?.message).toBe('ЖСН күтілді, бірақ цифрлары бойынша бұл — БСН');
    expect(ky.errors[0]?.message).toContain('01207199510092 — Кыргызстандын жарактуу ИННи');
    expect(ruLength.errors[0]?.message).toBe(
      '5 цифр; ожидается 12 цифр (ИИН/БИН, Казахстан) или 14 цифр (ИНН/ПИН, Кыргызстан)',
    );
  });

  it('translates the warnings of a valid KG number too', () => {
    // Act
    const result = validateIdentifier('40101199000123', { asOf: AS_OF, lang: 'ru' });

    // Assess
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'проверена только структура: у кыргызских ИНН/ПИН нет опубликованной контрольной цифры',
      'первая цифра 4 — ПИН иностранца или лица без гражданства (выдаются с 01.07.2025)',
    ]);
  });
});
