import { formatterFor } from './format.js';

/**
 * ESF pre-check finding messages (Kazakh IS ESF and Kyrgyz ESF). Terms: ЭСФ, НДС, ИИН/БИН, ИНН/ПИН in Russian;
 * ЭШФ, ҚҚС, ЖСН/БСН in Kazakh; ЭСФ, КНС, ИНН/ПИН in Kyrgyz.
 */

type Role = 'supplier' | 'buyer';
type Country = 'KZ' | 'KG';
const ROLE = {
  en: { supplier: 'supplier', buyer: 'buyer' },
  ru: { supplier: 'поставщик', buyer: 'покупатель' },
  kk: { supplier: 'жеткізуші', buyer: 'сатып алушы' },
  ky: { supplier: 'жеткирүүчү', buyer: 'сатып алуучу' },
} as const;
/** Genitive: «ИИН/БИН поставщика», «жеткізушінің», «жеткирүүчүнүн». */
const ROLE_GEN = {
  ru: { supplier: 'поставщика', buyer: 'покупателя' },
  kk: { supplier: 'жеткізушінің', buyer: 'сатып алушының' },
  ky: { supplier: 'жеткирүүчүнүн', buyer: 'сатып алуучунун' },
} as const;
/** The TIN as accountants of that country call it; a Kyrgyz reader knows a Kazakh number by its Russian name. */
const TIN = {
  ru: (country: Country) => (country === 'KZ' ? 'ИИН/БИН' : 'ИНН'),
  kk: (country: Country) => (country === 'KZ' ? 'ЖСН/БСН' : 'ИНН'),
  ky: (country: Country) => (country === 'KZ' ? 'ИИН/БИН' : 'ИНН'),
};
const COUNTRY_GEN = {
  ru: { KZ: 'Казахстана', KG: 'Кыргызстана' },
  kk: { KZ: 'Қазақстанның', KG: 'Қырғызстанның' },
  ky: { KZ: 'Казакстандын', KG: 'Кыргызстандын' },
} as const;

type SupplyType = 'domestic' | 'export' | 'eaeu_export';
type Category = 'standard' | 'medicines' | 'periodicals';
/** What a VAT rate applies to: the country, the supply type and (unless standard) the goods category. */
type Supply = { country: Country; supplyType: SupplyType; category?: Category | undefined };
const SUPPLY = {
  ru: { domestic: 'поставка внутри страны', export: 'экспорт', eaeu_export: 'экспорт в ЕАЭС' },
  kk: { domestic: 'ел ішіндегі жеткізу', export: 'экспорт', eaeu_export: 'ЕАЭО-ға экспорт' },
  ky: { domestic: 'өлкө ичиндеги жеткирүү', export: 'экспорт', eaeu_export: 'ЕАЭБге экспорт' },
} as const;
const CATEGORY = {
  ru: { standard: '', medicines: 'лекарственные средства', periodicals: 'периодические издания' },
  kk: { standard: '', medicines: 'дәрілік заттар', periodicals: 'мерзімді басылымдар' },
  ky: { standard: '', medicines: 'дары-дармектер', periodicals: 'мезгилдүү басылмалар' },
} as const;
const supply = (lang: 'ru' | 'kk' | 'ky', p: Supply) =>
  [p.country, SUPPLY[lang][p.supplyType], CATEGORY[lang][p.category ?? 'standard']].filter(Boolean).join(', ');

type Evidence = 'contract' | 'customs_declaration' | 'eaeu_import_statement' | 'transport_document' | 'bank_proceeds';
/** Export documents by the names on the paper. */
const EVIDENCE = {
  ru: {
    contract: 'внешнеторговый договор (контракт)',
    customs_declaration: 'таможенная декларация на экспорт',
    eaeu_import_statement: 'заявление о ввозе товаров и уплате косвенных налогов',
    transport_document: 'транспортные документы',
    bank_proceeds: 'подтверждение банка о поступлении выручки',
  },
  kk: {
    contract: 'сыртқы сауда шарты (келісімшарт)',
    customs_declaration: 'экспортқа кедендік декларация',
    eaeu_import_statement: 'тауарлардың әкелінгені және жанама салықтардың төленгені туралы өтініш',
    transport_document: 'көлік құжаттары',
    bank_proceeds: 'түсім түскенін растайтын банк құжаты',
  },
  ky: {
    contract: 'тышкы соода келишими (контракт)',
    customs_declaration: 'экспортко бажы декларациясы',
    eaeu_import_statement: 'товарларды ташып киргендиги жана кыйыр салыктарды төлөгөндүгү жөнүндө арыз',
    transport_document: 'транспорттук документтер',
    bank_proceeds: 'түшкөн акчаны тастыктаган банктын документи',
  },
} as const;
type EvidenceParams = { eaeu: boolean; missing: readonly Evidence[] };
type RateParams = { rate: number; expected: number; date: string } & Supply;

type Confidence = 'contested' | 'seed_only';

export const ESF_MESSAGES = {
  ESF_LATE: {
    en: (p: { daysLate: number; issueBy: string; days: number }) =>
      `issued ${p.daysLate} day(s) after the deadline ${p.issueBy} (${p.days} calendar days after delivery); penalties apply`,
    ru: (p: { daysLate: number; issueBy: string; days: number }) =>
      `ЭСФ выписан на ${p.daysLate} дн. позже срока ${p.issueBy} (${p.days} календарных дней после поставки); грозит штраф`,
    kk: (p: { daysLate: number; issueBy: string; days: number }) =>
      `ЭШФ ${p.issueBy} мерзімінен ${p.daysLate} күн кешіктіріліп жазып берілді (мерзім — жеткізуден кейін ${p.days} күнтізбелік күн); айыппұл салынуы мүмкін`,
    ky: (p: { daysLate: number; issueBy: string; days: number }) =>
      `ЭСФ ${p.issueBy} мөөнөтүнөн ${p.daysLate} күн кечигип жазылды (мөөнөт — жеткирүүдөн кийин ${p.days} календардык күн); айып пул салынышы мүмкүн`,
  },
  ISSUED_BEFORE_DELIVERY: {
    en: (p: { issueDate: string; deliveryDate: string }) =>
      `issue date ${p.issueDate} is before the delivery (turnover) date ${p.deliveryDate}`,
    ru: (p: { issueDate: string; deliveryDate: string }) =>
      `дата выписки ${p.issueDate} раньше даты поставки (оборота) ${p.deliveryDate}`,
    kk: (p: { issueDate: string; deliveryDate: string }) =>
      `ЭШФ жазып берілген күн (${p.issueDate}) жеткізу (айналым) күнінен (${p.deliveryDate}) бұрын`,
    ky: (p: { issueDate: string; deliveryDate: string }) =>
      `ЭСФ жазылган күн (${p.issueDate}) жеткирүү (жүгүртүү) күнүнөн (${p.deliveryDate}) мурда`,
  },
  PIN_IN_INN_FIELD: {
    en: (p: { role: Role }) =>
      `the ${ROLE.en[p.role]} is a legal entity but its TIN field holds an individual's PIN; use the organisation's INN`,
    ru: (p: { role: Role }) => `${ROLE.ru[p.role]} — юрлицо, но в поле ИНН указан ПИН физлица; укажите ИНН организации`,
    kk: (p: { role: Role }) =>
      `${ROLE.kk[p.role]} — заңды тұлға, бірақ ИНН өрісінде жеке тұлғаның ПИН-і көрсетілген; ұйымның ИНН-ін көрсетіңіз`,
    ky: (p: { role: Role }) =>
      `${ROLE.ky[p.role]} — юридикалык жак, бирок ИНН талаасында жеке жактын ПИНи көрсөтүлгөн; уюмдун ИННин көрсөтүңүз`,
  },
  IIN_IN_BIN_FIELD: {
    en: (p: { role: Role }) =>
      `the ${ROLE.en[p.role]} is a legal entity but its TIN field holds an IIN (a person's number); use the organisation's BIN`,
    ru: (p: { role: Role }) =>
      `${ROLE.ru[p.role]} — юрлицо, но в поле БИН указан ИИН (номер физлица); укажите БИН организации`,
    kk: (p: { role: Role }) =>
      `${ROLE.kk[p.role]} — заңды тұлға, бірақ БСН өрісінде ЖСН (жеке тұлғаның нөмірі) көрсетілген; ұйымның БСН-ін көрсетіңіз`,
    ky: (p: { role: Role }) =>
      `${ROLE.ky[p.role]} — юридикалык жак, бирок БИН талаасында ИИН (жеке жактын номери) көрсөтүлгөн; уюмдун БИНин көрсөтүңүз`,
  },
  INVALID_SUPPLIER_TIN: {
    en: (p: { country: Country; codes: string }) =>
      `the supplier TIN is not a valid ${p.country} identifier (${p.codes})`,
    ru: (p: { country: Country; codes: string }) =>
      `${TIN.ru(p.country)} ${ROLE_GEN.ru.supplier} не является действительным номером ${COUNTRY_GEN.ru[p.country]} (${p.codes})`,
    kk: (p: { country: Country; codes: string }) =>
      `${ROLE_GEN.kk.supplier} ${TIN.kk(p.country)} нөмірі ${COUNTRY_GEN.kk[p.country]} жарамды нөмірі емес (${p.codes})`,
    ky: (p: { country: Country; codes: string }) =>
      `${ROLE_GEN.ky.supplier} ${TIN.ky(p.country)} номери ${COUNTRY_GEN.ky[p.country]} жарактуу номери эмес (${p.codes})`,
  },
  INVALID_BUYER_TIN: {
    en: (p: { country: Country; codes: string }) => `the buyer TIN is not a valid ${p.country} identifier (${p.codes})`,
    ru: (p: { country: Country; codes: string }) =>
      `${TIN.ru(p.country)} ${ROLE_GEN.ru.buyer} не является действительным номером ${COUNTRY_GEN.ru[p.country]} (${p.codes})`,
    kk: (p: { country: Country; codes: string }) =>
      `${ROLE_GEN.kk.buyer} ${TIN.kk(p.country)} нөмірі ${COUNTRY_GEN.kk[p.country]} жарамды нөмірі емес (${p.codes})`,
    ky: (p: { country: Country; codes: string }) =>
      `${ROLE_GEN.ky.buyer} ${TIN.ky(p.country)} номери ${COUNTRY_GEN.ky[p.country]} жарактуу номери эмес (${p.codes})`,
  },
  VAT_RATE_MISMATCH: {
    en: (p: RateParams) =>
      `rate ${p.rate}% differs from the ${p.expected}% in force on ${p.date} for ${p.country} ${p.supplyType}${p.category && p.category !== 'standard' ? ` ${p.category}` : ''} supplies`,
    ru: (p: RateParams) =>
      `ставка НДС ${p.rate}% не совпадает со ставкой ${p.expected}%, действующей на ${p.date} (${supply('ru', p)})`,
    kk: (p: RateParams) =>
      `ҚҚС мөлшерлемесі ${p.rate}% ${p.date} күні қолданыстағы ${p.expected}% мөлшерлемеге сәйкес келмейді (${supply('kk', p)})`,
    ky: (p: RateParams) =>
      `КНС ставкасы ${p.rate}% ${p.date} күнү колдонуудагы ${p.expected}% ставкага дал келбейт (${supply('ky', p)})`,
  },
  SUPPLIER_NOT_VAT_REGISTERED: {
    en: (p: { lines: string }) => `the supplier is not VAT-registered but line(s) ${p.lines} charge VAT`,
    ru: (p: { lines: string }) => `поставщик не состоит на учёте по НДС, но в строках ${p.lines} начислен НДС`,
    kk: (p: { lines: string }) => `жеткізуші ҚҚС бойынша есепте тұрмайды, бірақ ${p.lines} жолдарында ҚҚС есептелген`,
    ky: (p: { lines: string }) =>
      `жеткирүүчү КНС төлөөчү катары катталган эмес, бирок ${p.lines} саптарында КНС эсептелген`,
  },
  EXPORT_EVIDENCE_MISSING: {
    en: (p: EvidenceParams) => `0% ${p.eaeu ? 'EAEU export' : 'export'} lines lack: ${p.missing.join(', ')}`,
    ru: (p: EvidenceParams) =>
      `для строк с 0% (${p.eaeu ? 'экспорт в ЕАЭС' : 'экспорт'}) не хватает документов: ${p.missing.map((d) => EVIDENCE.ru[d]).join('; ')}`,
    kk: (p: EvidenceParams) =>
      `0% жолдарына (${p.eaeu ? 'ЕАЭО-ға экспорт' : 'экспорт'}) құжаттар жетіспейді: ${p.missing.map((d) => EVIDENCE.kk[d]).join('; ')}`,
    ky: (p: EvidenceParams) =>
      `0% саптары үчүн (${p.eaeu ? 'ЕАЭБге экспорт' : 'экспорт'}) документтер жетишпейт: ${p.missing.map((d) => EVIDENCE.ky[d]).join('; ')}`,
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

/** Formats an ESF finding message (this catalog only, so the library does not carry the API's or the page's texts). */
export const tEsf = formatterFor(ESF_MESSAGES);
