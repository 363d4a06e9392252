import type { Rule } from './types.js';

const PROTOCOL =
  'Protocol amending the EAEU Treaty on VAT for electronic services (signed Bishkek 09.12.2022; in force 04.03.2024; applies from 01.04.2024); services list: EEC Council Decision No. 97 of 27.09.2023';

/** EAEU members whose suppliers fall under the e-services protocol. */
export const EAEU_MEMBERS = ['AM', 'BY', 'KG', 'KZ', 'RU'] as const;

/** Rows that apply between EAEU member states. */
export const EAEU_RULES: Rule[] = [
  {
    id: 'EAEU.VAT.ESERVICES',
    country: 'EAEU',
    topic: 'vat.eaeu_eservices',
    members: [...EAEU_MEMBERS],
    b2cSupplierRegisters: true,
    b2bSupplierRegisters: true,
    effectiveFrom: '2024-04-01',
    effectiveTo: null,
    citation: `${PROTOCOL}; procedure paras. 9-10`,
    source:
      'ilex.by; nalog.gov.by; auditstek.ru; PwC KZ alert No. 224 (Mar 2024); KZ ratification Law No. 63-VIII; docs.cntd.ru',
    confidence: 'confirmed',
    text: "Between EAEU states, VAT on listed electronic services is due in the buyer's state; the supplier registers there (B2C, and B2B save for para. 11 cases).",
  },
  {
    id: 'EAEU.VAT.ESERVICES.B2B_EXCEPTION',
    country: 'EAEU',
    topic: 'vat.eaeu_eservices.b2b_exception',
    effectiveFrom: '2024-04-01',
    effectiveTo: null,
    citation: `${PROTOCOL}; procedure para. 11`,
    source:
      'docs.cntd.ru 420205962 (paras. 9-10); mondaq (Belarus, 2023) reading of para. 11; schneider-group (15 Dec 2021, on the draft); its text was not retrieved',
    confidence: 'secondary',
    text: "The para. 11 exceptions apply to both B2C (para. 9) and B2B (para. 10) supplies; the readings say the buyer pays as tax agent where the buyer's state provides no registration.",
    note: 'Para. 11 itself was not read; the cases it covers are unknown, so the supplier is treated as liable.',
  },
];
