import { describe, expect, it } from 'vitest';
import { type EsfPrecheckRequest, precheckEsf } from '../../../shared/esf/precheck.js';
import { LANGUAGES } from '../../../shared/i18n/index.js';
import { kgInvoice, kzInvoice, TIN } from '../../fixtures/esf-invoices.js';

const TODAY = '2026-06-01';

/** A KZ invoice that trips most findings: an IIN in the supplier's BIN field, a broken buyer BIN, late, a wrong rate, a 0% export without papers. */
const kzBad: EsfPrecheckRequest = kzInvoice({
  supplier: { tin: TIN.kzIin, type: 'legal_entity', vatRegistered: true },
  buyer: { tin: '940140000386', type: 'legal_entity' },
  deliveryDate: '2026-03-10',
  issueDate: '2026-05-20',
  lines: [
    { net: 1000, vatRate: 12 },
    { net: 500, vatRate: 0, supplyType: 'export' },
  ],
});

/** A late KG invoice from a non-payer charging VAT, with a PIN in the buyer's INN field. */
const kgBad: EsfPrecheckRequest = kgInvoice({
  supplier: { tin: TIN.kgInn, type: 'legal_entity', vatRegistered: false },
  buyer: { tin: TIN.kgPin, type: 'legal_entity' },
  issueDate: '2026-04-20',
});

/** The terms an accountant reading each language expects, per country. */
const TERMS = {
  KZ: { ru: /ИИН|БИН|НДС|ЭСФ/, kk: /ЖСН|БСН|ҚҚС|ЭШФ/, ky: /ИИН|БИН|КНС|ЭСФ/ },
  KG: { ru: /ИНН|ПИН|НДС/, kk: /ИНН|ПИН|ҚҚС/, ky: /ИНН|ПИН|КНС/ },
} as const;

describe('Function: precheckEsf — languages', () => {
  it.each([
    ['KZ', kzBad],
    ['KG', kgBad],
  ] as const)('reports the same %s findings in every language, each message in that language', (country, request) => {
    // Prepare
    const english = precheckEsf(request, TODAY);

    // Act
    const byLang = Object.fromEntries(LANGUAGES.map((lang) => [lang, precheckEsf(request, { lang, today: TODAY })]));

    // Assess
    expect(english.findings.length).toBeGreaterThanOrEqual(3);
    expect(byLang.en).toEqual(english);
    for (const lang of ['ru', 'kk', 'ky'] as const) {
      const result = byLang[lang];
      expect(result?.findings.map((f) => [f.code, f.field, f.severity, f.ruleId])).toEqual(
        english.findings.map((f) => [f.code, f.field, f.severity, f.ruleId]),
      );
      for (const f of result?.findings ?? []) {
        expect(f.message, `${lang} ${f.code}`).toMatch(/[а-яёәіңғүұқөһ]{3,}/i);
        expect(f.message).not.toMatch(/\b(the|is|and|lack|supplies)\b/);
      }
      const all = result?.findings.map((f) => f.message).join(' ');
      expect(all).toMatch(TERMS[country][lang]);
    }
  });

  it('uses ЖСН/БСН and ЭШФ in Kazakh, ИИН/БИН and ЭСФ in Russian for a KZ invoice', () => {
    // Act
    const ru = precheckEsf(kzBad, { lang: 'ru', today: TODAY }).findings.map((f) => f.message);
    const kk = precheckEsf(kzBad, { lang: 'kk', today: TODAY }).findings.map((f) => f.message);

    // Assess
    expect(ru.join(' ')).toContain('ИИН/БИН покупателя');
    expect(ru.join(' ')).toContain('ЭСФ выписан');
    expect(ru.join(' ')).toContain('ставка НДС 12%');
    expect(kk.join(' ')).toContain('ЖСН');
    expect(kk.join(' ')).toContain('ЭШФ');
    expect(kk.join(' ')).toContain('ҚҚС мөлшерлемесі 12%');
    expect(kk.join(' ')).not.toMatch(/ИИН|БИН|НДС/);
  });

  it('names the missing export documents in the reader language, not by their codes', () => {
    // Act
    const ru = precheckEsf(kzBad, { lang: 'ru', today: TODAY }).findings.find(
      (f) => f.code === 'EXPORT_EVIDENCE_MISSING',
    );
    const en = precheckEsf(kzBad, TODAY).findings.find((f) => f.code === 'EXPORT_EVIDENCE_MISSING');

    // Assess
    expect(en?.message).toContain('customs_declaration');
    expect(ru?.message).toContain('таможенная декларация');
    expect(ru?.message).not.toContain('customs_declaration');
  });

  it('gives the nested TIN results in the same language', () => {
    // Act
    const result = precheckEsf(kzBad, { lang: 'ky', today: TODAY });

    // Assess
    expect(result.buyerTin?.errors.map((e) => e.code)).toEqual(['INVALID_CHECKSUM']);
    expect(result.buyerTin?.errors[0]?.message).toBe('контролдук цифра 6 эмес, 5 болушу керек');
  });

  it('takes the check date from the options as it did from the bare string', () => {
    // Act
    const fromString = precheckEsf(kzInvoice({ issueDate: undefined }), '2026-04-01');
    const fromOptions = precheckEsf(kzInvoice({ issueDate: undefined }), { today: '2026-04-01' });

    // Assess
    expect(fromOptions).toEqual(fromString);
    expect(fromOptions.findings.map((f) => f.code)).toEqual(['ESF_LATE']);
  });
});
