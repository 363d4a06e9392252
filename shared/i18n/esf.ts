/**
 * ESF pre-check finding messages (Kazakh IS ESF and Kyrgyz ESF). Terms: ЭСФ, НДС, ИИН/БИН, ИНН/ПИН in Russian;
 * ЭШФ, ҚҚС, ЖСН/БСН in Kazakh; ЭСФ, КНС, ИНН/ПИН in Kyrgyz.
 */

type Role = 'supplier' | 'buyer';
const ROLE = {
  en: { supplier: 'supplier', buyer: 'buyer' },
  ru: { supplier: 'поставщик', buyer: 'покупатель' },
  kk: { supplier: 'жеткізуші', buyer: 'сатып алушы' },
  ky: { supplier: 'жеткирүүчү', buyer: 'сатып алуучу' },
} as const;
const ROLE_GEN = { ru: { supplier: 'поставщика', buyer: 'покупателя' } } as const;
/** The TIN as accountants of that country call it. */
const TIN = {
  ru: (country: string) => (country === 'KZ' ? 'ИИН/БИН' : 'ИНН'),
  kk: (country: string) => (country === 'KZ' ? 'ЖСН/БСН' : 'ИНН'),
  ky: (country: string) => (country === 'KZ' ? 'ЖСН/БСН' : 'ИНН'),
};

type Confidence = 'contested' | 'seed_only';

export const ESF_MESSAGES = {
  ESF_LATE: {
    en: (p: { daysLate: number; issueBy: string; days: number }) =>
      `issued ${p.daysLate} day(s) after the deadline ${p.issueBy} (${p.days} calendar days after delivery); penalties apply`,
    ru: (p: { daysLate: number; issueBy: string; days: number }) =>
      `ЭСФ выписан на ${p.daysLate} дн. позже срока ${p.issueBy} (${p.days} календарных дней после поставки); грозит штраф`,
    kk: (p: { daysLate: number; issueBy: string; days: number }) =>
      `ЭШФ ${p.issueBy} мерзімінен ${p.daysLate} күн кеш жазылды (жеткізуден кейін ${p.days} күнтізбелік күн); айыппұл салынады`,
    ky: (p: { daysLate: number; issueBy: string; days: number }) =>
      `ЭСФ ${p.issueBy} мөөнөтүнөн ${p.daysLate} күн кечиктирилип жазылды (жеткирүүдөн кийин ${p.days} календардык күн); айып салынат`,
  },
  ISSUED_BEFORE_DELIVERY: {
    en: (p: { issueDate: string; deliveryDate: string }) =>
      `issue date ${p.issueDate} is before the delivery (turnover) date ${p.deliveryDate}`,
    ru: (p: { issueDate: string; deliveryDate: string }) =>
      `дата выписки ${p.issueDate} раньше даты поставки (оборота) ${p.deliveryDate}`,
    kk: (p: { issueDate: string; deliveryDate: string }) =>
      `жазылған күні ${p.issueDate} жеткізу (айналым) күнінен ${p.deliveryDate} бұрын`,
    ky: (p: { issueDate: string; deliveryDate: string }) =>
      `жазылган күнү ${p.issueDate} жеткирүү (жүгүртүү) күнүнөн ${p.deliveryDate} мурун`,
  },
  PIN_IN_INN_FIELD: {
    en: (p: { role: Role }) =>
      `the ${ROLE.en[p.role]} is a legal entity but its TIN field holds an individual's PIN; use the organisation's INN`,
    ru: (p: { role: Role }) => `${ROLE.ru[p.role]} — юрлицо, но в поле ИНН указан ПИН физлица; укажите ИНН организации`,
    kk: (p: { role: Role }) =>
      `${ROLE.kk[p.role]} — заңды тұлға, бірақ ИНН өрісінде жеке тұлғаның ПИН-і тұр; ұйымның ИНН-ін көрсетіңіз`,
    ky: (p: { role: Role }) =>
      `${ROLE.ky[p.role]} — юридикалык жак, бирок ИНН талаасында жеке адамдын ПИНи турат; уюмдун ИННин көрсөтүңүз`,
  },
  IIN_IN_BIN_FIELD: {
    en: (p: { role: Role }) =>
      `the ${ROLE.en[p.role]} is a legal entity but its TIN field holds an IIN (a person's number); use the organisation's BIN`,
    ru: (p: { role: Role }) =>
      `${ROLE.ru[p.role]} — юрлицо, но в поле БИН указан ИИН (номер физлица); укажите БИН организации`,
    kk: (p: { role: Role }) =>
      `${ROLE.kk[p.role]} — заңды тұлға, бірақ БСН өрісінде ЖСН (жеке тұлғаның нөмірі) тұр; ұйымның БСН-ін көрсетіңіз`,
    ky: (p: { role: Role }) =>
      `${ROLE.ky[p.role]} — юридикалык жак, бирок БСН талаасында ЖСН (жеке адамдын номери) турат; уюмдун БСНин көрсөтүңүз`,
  },
  INVALID_SUPPLIER_TIN: {
    en: (p: { country: string; codes: string }) =>
      `the supplier TIN is not a valid ${p.country} identifier (${p.codes})`,
    ru: (p: { country: string; codes: string }) =>
      `${TIN.ru(p.country)} ${ROLE_GEN.ru.supplier} — недействительный номер ${p.country} (${p.codes})`,
    kk: (p: { country: string; codes: string }) =>
      `жеткізушінің ${TIN.kk(p.country)} нөмірі — ${p.country} жарамсыз нөмірі (${p.codes})`,
    ky: (p: { country: string; codes: string }) =>
      `жеткирүүчүнүн ${TIN.ky(p.country)} номери — ${p.country} жараксыз номери (${p.codes})`,
  },
  INVALID_BUYER_TIN: {
    en: (p: { country: string; codes: string }) => `the buyer TIN is not a valid ${p.country} identifier (${p.codes})`,
    ru: (p: { country: string; codes: string }) =>
      `${TIN.ru(p.country)} ${ROLE_GEN.ru.buyer} — недействительный номер ${p.country} (${p.codes})`,
    kk: (p: { country: string; codes: string }) =>
      `сатып алушының ${TIN.kk(p.country)} нөмірі — ${p.country} жарамсыз нөмірі (${p.codes})`,
    ky: (p: { country: string; codes: string }) =>
      `сатып алуучунун ${TIN.ky(p.country)} номери — ${p.country} жараксыз номери (${p.codes})`,
  },
  VAT_RATE_MISMATCH: {
    en: (p: { rate: number; expected: number; date: string; what: string }) =>
      `rate ${p.rate}% differs from the ${p.expected}% in force on ${p.date} for ${p.what} supplies`,
    ru: (p: { rate: number; expected: number; date: string; what: string }) =>
      `ставка НДС ${p.rate}% не совпадает с действующей на ${p.date} ставкой ${p.expected}% (${p.what})`,
    kk: (p: { rate: number; expected: number; date: string; what: string }) =>
      `ҚҚС мөлшерлемесі ${p.rate}% ${p.date} күні қолданыстағы ${p.expected}% мөлшерлемеге сәйкес келмейді (${p.what})`,
    ky: (p: { rate: number; expected: number; date: string; what: string }) =>
      `КНС ставкасы ${p.rate}% ${p.date} күнү колдонулган ${p.expected}% ставкасына дал келбейт (${p.what})`,
  },
  SUPPLIER_NOT_VAT_REGISTERED: {
    en: (p: { lines: string }) => `the supplier is not VAT-registered but line(s) ${p.lines} charge VAT`,
    ru: (p: { lines: string }) => `поставщик не плательщик НДС, но в строках ${p.lines} начислен НДС`,
    kk: (p: { lines: string }) => `жеткізуші ҚҚС төлеуші емес, бірақ ${p.lines} жолдарында ҚҚС есептелген`,
    ky: (p: { lines: string }) => `жеткирүүчү КНС төлөөчү эмес, бирок ${p.lines} саптарында КНС эсептелген`,
  },
  EXPORT_EVIDENCE_MISSING: {
    en: (p: { eaeu: boolean; missing: string }) => `0% ${p.eaeu ? 'EAEU export' : 'export'} lines lack: ${p.missing}`,
    ru: (p: { eaeu: boolean; missing: string }) =>
      `для строк с 0% (${p.eaeu ? 'экспорт в ЕАЭС' : 'экспорт'}) не хватает документов: ${p.missing}`,
    kk: (p: { eaeu: boolean; missing: string }) =>
      `0% жолдарына (${p.eaeu ? 'ЕАЭО-ға экспорт' : 'экспорт'}) құжаттар жетіспейді: ${p.missing}`,
    ky: (p: { eaeu: boolean; missing: string }) =>
      `0% саптары үчүн (${p.eaeu ? 'ЕАЭБге экспорт' : 'экспорт'}) документтер жетишпейт: ${p.missing}`,
  },
  ESF_NOT_ISSUED_BY_BUYER: {
    en: () =>
      "services bought from a non-resident: from 2026 the Kazakh buyer issues this ESF on the non-resident's behalf; mark it as issued by the buyer (tax agent)",
    ru: () =>
      'услуги нерезидента: с 2026 года этот ЭСФ выписывает казахстанский покупатель за нерезидента; отметьте, что ЭСФ выписан покупателем (налоговым агентом)',
    kk: () =>
      'резидент еместің қызметтері: 2026 жылдан бастап бұл ЭШФ-ны резидент емес үшін қазақстандық сатып алушы жазады; ЭШФ-ны сатып алушы (салық агенті) жазғанын белгілеңіз',
    ky: () =>
      'резидент эместин кызматтары: 2026-жылдан тартып бул ЭСФти резидент эмес үчүн казакстандык сатып алуучу жазат; ЭСФти сатып алуучу (салык агенти) жазганын белгилеңиз',
  },
  'FINDING.confidence': {
    en: (p: { confidence: Confidence }) =>
      p.confidence === 'contested'
        ? ' (the rule behind this finding is contested: sources disagree; show it, do not block on it alone)'
        : ' (the rule behind this finding rests on one secondary source only: show it, do not block on it alone)',
    ru: (p: { confidence: Confidence }) =>
      p.confidence === 'contested'
        ? ' (норма, на которой основано замечание, спорная: источники расходятся; показывайте, но не блокируйте только из-за неё)'
        : ' (норма, на которой основано замечание, известна лишь из одного вторичного источника: показывайте, но не блокируйте только из-за неё)',
    kk: (p: { confidence: Confidence }) =>
      p.confidence === 'contested'
        ? ' (ескертуге негіз болған норма даулы: дереккөздер әртүрлі; көрсетіңіз, бірақ тек соның кесірінен бұғаттамаңыз)'
        : ' (ескертуге негіз болған норма бір ғана қосалқы дереккөзден белгілі: көрсетіңіз, бірақ тек соның кесірінен бұғаттамаңыз)',
    ky: (p: { confidence: Confidence }) =>
      p.confidence === 'contested'
        ? ' (эскертүүнүн негизи болгон норма талаштуу: булактар ар башка; көрсөтүңүз, бирок жалгыз ушул үчүн бөгөттөбөңүз)'
        : ' (эскертүүнүн негизи болгон норма бир гана кошумча булактан белгилүү: көрсөтүңүз, бирок жалгыз ушул үчүн бөгөттөбөңүз)',
  },
} as const;
