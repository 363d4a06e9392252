import { describe, expect, it } from 'vitest';
import { precheckEsf } from '../../../shared/esf/precheck.js';
import { RULE_TEXTS, ruleText } from '../../../shared/i18n/rules.js';
import { assessKzResidency } from '../../../shared/residency/kz.js';
import { RULES } from '../../../shared/rules/index.js';
import { assessVat, type VatAssessmentRequest } from '../../../shared/vat/assess.js';
import { kzInvoice, TIN } from '../../fixtures/esf-invoices.js';

const CYRILLIC = /[а-яёәіңғүұқөһ]{3,}/i;
const KAZAKH_LETTERS = /[әіңғүұқөһ]/i;

describe('rules row texts in ru, kk and ky', () => {
  it.each(RULES.map((r) => [r.id, r] as const))('%s has a translation in every language', (id, row) => {
    // Act
    const texts = RULE_TEXTS[id];

    // Assess
    expect(texts, `${id} has no entry in shared/i18n/rule-texts.ts`).toBeDefined();
    for (const lang of ['ru', 'kk', 'ky'] as const) {
      expect(texts?.[lang], `${id} ${lang}`).toMatch(CYRILLIC);
      expect(ruleText(id, row.text, lang)).toBe(texts?.[lang]);
    }
    expect(texts?.kk).not.toBe(texts?.ru);
    expect(texts?.ky).not.toBe(texts?.kk);
    expect(ruleText(id, row.text, 'en')).toBe(row.text);
  });

  it('has no entry for a row that does not exist', () => {
    const ids = new Set(RULES.map((r) => r.id));
    expect(Object.keys(RULE_TEXTS).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('answers in the requested language', () => {
  const kzServices: VatAssessmentRequest = {
    country: 'KZ',
    date: '2026-03-10',
    seller: { residence: 'DE' },
    buyer: { type: 'business', residence: 'KZ', vatRegistered: true },
    supply: { category: 'services', net: 1000 },
  };

  it('assessVat writes every reason in Russian, Kazakh or Kyrgyz, and English by default', () => {
    // Act
    const en = assessVat(kzServices);
    const ru = assessVat(kzServices, { lang: 'ru' });
    const kk = assessVat(kzServices, { lang: 'kk' });
    const ky = assessVat(kzServices, { lang: 'ky' });

    // Assess: same decision, same rows; only the texts differ
    for (const answer of [ru, kk, ky]) {
      expect(answer.reasons.map((r) => r.code)).toEqual(en.reasons.map((r) => r.code));
      expect({ ...answer, reasons: [] }).toEqual({ ...en, reasons: [] });
      for (const reason of answer.reasons) expect(reason.text).toMatch(CYRILLIC);
    }
    expect(en.reasons[0]?.text).toMatch(/^A Kazakh buyer of works or services/);
    expect(ru.reasons[0]?.text).toContain('налоговый агент');
    expect(ru.reasons[0]?.text).toContain('выписывает ЭСФ за нерезидента');
    expect(kk.reasons[0]?.text).toMatch(KAZAKH_LETTERS);
    expect(ky.reasons[0]?.text).toContain('салык агенти');
  });

  it('assessKzResidency writes the day test and its outcome in the language', () => {
    // Prepare
    const request = { taxYear: 2026, stays: [{ entry: '2026-01-01', exit: '2026-07-31' }] };

    // Act
    const ru = assessKzResidency(request, { lang: 'ru', today: '2026-12-31' });
    const en = assessKzResidency(request, '2026-12-31');

    // Assess
    expect(ru.resident).toBe(true);
    expect(ru.reasons[0]?.text).toMatch(/налоговый резидент\. Выполнено: 183 дн\. с 2025-07-03 по 2026-07-02/);
    expect(en.reasons[0]?.text).toMatch(/is a tax resident\. Met: 183 days from 2025-07-03 to 2026-07-02/);
  });

  it('precheckEsf writes its new finding in the language', () => {
    // Prepare
    const invoice = kzInvoice({ supplier: { tin: TIN.kzBin, type: 'foreign_company', vatRegistered: true } });

    // Act
    const ky = precheckEsf(invoice, { lang: 'ky' });

    // Assess
    expect(ky.findings[0]?.message).toContain('сатып алуучу (салык агенти)');
  });
});
