import { formatterFor } from './format.js';
/**
 * Reason texts of VAT, ESF and residency answers in Russian, Kazakh and Kyrgyz: a translation of every rules
 * row's one-line `text` (English is the row's own text) and the phrases an answer adds to it (amounts, dates,
 * who pays, who registers, whose return). Terms as accountants write them: НДС / ҚҚС / КНС, ЭСФ / ЭШФ,
 * налоговый агент / салық агенті / салык агенти. A test fails when a row has no translation.
 */
import type { Lang } from './languages.js';
import { RULE_TEXTS } from './rule-texts.js';

export { RULE_TEXTS } from './rule-texts.js';

/** A rules row's statement in a language; English (and any row not yet translated) is the row's own text. */
export function ruleText(id: string, en: string, lang: Lang): string {
  if (lang === 'en') return en;
  return RULE_TEXTS[id]?.[lang] ?? en;
}

type Filer = 'seller' | 'buyer';
type Activity = 'trade' | 'services';
type Missing = 'status' | 'family' | 'realEstate';
type Test = 'days_183' | 'days_90_aifc' | 'vital_interests' | 'treaty_certificate' | 'none';
type Record = 'contract' | 'acceptance_act' | 'payment_proof';

const n = (value: number) => value.toLocaleString('en-US');

const RECORD = {
  en: { contract: 'the contract', acceptance_act: 'the acts of acceptance', payment_proof: 'proof of payment' },
  ru: {
    contract: 'договор',
    acceptance_act: 'акты выполненных работ (оказанных услуг)',
    payment_proof: 'документы об оплате',
  },
  kk: {
    contract: 'шарт',
    acceptance_act: 'орындалған жұмыстар (көрсетілген қызметтер) актілері',
    payment_proof: 'төлем құжаттары',
  },
  ky: {
    contract: 'келишим',
    acceptance_act: 'аткарылган иштердин (көрсөтүлгөн кызматтардын) актылары',
    payment_proof: 'төлөм документтери',
  },
} as const;
const records = (lang: Lang, keeps: readonly Record[]) => keeps.map((k) => RECORD[lang][k]).join(', ');

const MISSING = {
  en: {
    status: 'citizenship or a residence permit',
    family: 'family in Kazakhstan',
    realEstate: 'available real estate',
  },
  ru: {
    status: 'гражданство или вид на жительство',
    family: 'семья в Казахстане',
    realEstate: 'доступная недвижимость',
  },
  kk: {
    status: 'азаматтық немесе тұруға ықтиярхат',
    family: 'Қазақстандағы отбасы',
    realEstate: 'қолжетімді жылжымайтын мүлік',
  },
  ky: {
    status: 'жарандык же жашоого уруксат',
    family: 'Казакстандагы үй-бүлө',
    realEstate: 'жеткиликтүү кыймылсыз мүлк',
  },
} as const;

const TEST = {
  // English names the test by its `decidedBy` code, as the v1 contract's text did.
  en: {
    days_183: 'days_183',
    days_90_aifc: 'days_90_aifc',
    vital_interests: 'vital_interests',
    treaty_certificate: 'treaty_certificate',
    none: 'none',
  },
  ru: {
    days_183: '183 дней',
    days_90_aifc: '90 дней (МФЦА)',
    vital_interests: 'центра жизненных интересов',
    treaty_certificate: 'сертификата резидентства',
    none: '—',
  },
  kk: {
    days_183: '183 күн',
    days_90_aifc: '90 күн (АХҚО)',
    vital_interests: 'өмірлік мүдделер орталығы',
    treaty_certificate: 'резиденттік сертификаты',
    none: '—',
  },
  ky: {
    days_183: '183 күн',
    days_90_aifc: '90 күн (АЭФБ)',
    vital_interests: 'турмуштук кызыкчылыктар борбору',
    treaty_certificate: 'резиденттик сертификат',
    none: '—',
  },
} as const;

const ACTIVITY = {
  en: { trade: 'trade', services: 'services and other activities' },
  ru: { trade: 'торговля', services: 'услуги и прочая деятельность' },
  kk: { trade: 'сауда', services: 'қызметтер және өзге қызмет' },
  ky: { trade: 'соода', services: 'кызматтар жана башка ишмердүүлүк' },
} as const;

/** Phrases a VAT or residency answer adds to a row's statement; keyed `REASON.*` in the message catalog. */
export const RULE_MESSAGES = {
  'REASON.vatCountryNotCovered': {
    en: (p: { country: string }) => `VAT is due in ${p.country}, which these rules do not cover.`,
    ru: (p: { country: string }) => `НДС уплачивается в ${p.country}; эти правила его не охватывают.`,
    kk: (p: { country: string }) => `ҚҚС ${p.country} елінде төленеді; бұл ережелер оны қамтымайды.`,
    ky: (p: { country: string }) => `КНС ${p.country} өлкөсүндө төлөнөт; бул эрежелер аны камтыбайт.`,
  },
  'REASON.noEservicesRegime': {
    en: (p: { country: string; date: string }) =>
      `No ${p.country} registration regime for foreign sellers of electronic services to consumers was in force on ${p.date}; a non-resident with no presence in ${p.country} had no VAT registration duty.`,
    ru: (p: { country: string; date: string }) =>
      `На ${p.date} в ${p.country} не действовал режим регистрации иностранных продавцов электронных услуг физлицам; нерезидент без присутствия в ${p.country} не был обязан вставать на учёт по НДС.`,
    kk: (p: { country: string; date: string }) =>
      `${p.date} күні ${p.country} елінде жеке тұлғаларға электрондық қызмет көрсететін шетелдік сатушыларды тіркеу режимі қолданылмаған; ${p.country} елінде қатысуы жоқ резидент емес ҚҚС бойынша тіркелуге міндетті болмаған.`,
    ky: (p: { country: string; date: string }) =>
      `${p.date} күнү ${p.country} өлкөсүндө жеке адамдарга электрондук кызмат көрсөткөн чет элдик сатуучуларды каттоо режими колдонулган эмес; ${p.country} өлкөсүндө катышуусу жок резидент эмес КНС боюнча катталууга милдеттүү болгон эмес.`,
  },
  'REASON.noMci': {
    en: (p: { year: string; registered: boolean }) =>
      `The MCI for ${p.year} is not in the rules data, so the threshold is not converted to KZT; ${p.registered ? 'the seller is already VAT-registered' : 'no turnover was given, so only an existing registration is assumed'}.`,
    ru: (p: { year: string; registered: boolean }) =>
      `МРП на ${p.year} год нет в данных правил, поэтому порог не пересчитан в тенге; ${p.registered ? 'продавец уже плательщик НДС' : 'оборот не указан, поэтому учитывается только имеющаяся регистрация'}.`,
    kk: (p: { year: string; registered: boolean }) =>
      `${p.year} жылғы АЕК ережелер деректерінде жоқ, сондықтан шек теңгеге аударылмаған; ${p.registered ? 'сатушы ҚҚС бойынша тіркелген' : 'айналым көрсетілмеген, сондықтан тек бар тіркеу ескеріледі'}.`,
    ky: (p: { year: string; registered: boolean }) =>
      `${p.year}-жылдын АЭКи эрежелердин маалыматтарында жок, ошондуктан босого теңгеге которулган жок; ${p.registered ? 'сатуучу КНС боюнча катталган' : 'жүгүртүү көрсөтүлгөн жок, ошондуктан болгон каттоо гана эске алынат'}.`,
  },
  'REASON.noTurnover': {
    en: () => 'No turnover was given, so only an existing registration is assumed.',
    ru: () => 'Оборот не указан, поэтому учитывается только имеющаяся регистрация.',
    kk: () => 'Айналым көрсетілмеген, сондықтан тек бар тіркеу ескеріледі.',
    ky: () => 'Жүгүртүү көрсөтүлгөн жок, ошондуктан болгон каттоо гана эске алынат.',
  },
  'REASON.turnover': {
    en: (p: { turnover: number; threshold: number; above: boolean }) =>
      `Turnover ${n(p.turnover)} is ${p.above ? 'above' : 'not above'} the threshold of ${n(p.threshold)}.`,
    ru: (p: { turnover: number; threshold: number; above: boolean }) =>
      `Оборот ${n(p.turnover)} ${p.above ? 'превышает' : 'не превышает'} порог ${n(p.threshold)}.`,
    kk: (p: { turnover: number; threshold: number; above: boolean }) =>
      `Айналым ${n(p.turnover)} ${n(p.threshold)} шегінен ${p.above ? 'асады' : 'аспайды'}.`,
    ky: (p: { turnover: number; threshold: number; above: boolean }) =>
      `Жүгүртүү ${n(p.turnover)} ${n(p.threshold)} босогосунан ${p.above ? 'ашат' : 'ашпайт'}.`,
  },
  'REASON.thresholdActivity': {
    en: (p: { activity: Activity; defaulted: boolean }) =>
      `This is the threshold for ${ACTIVITY.en[p.activity]}${p.defaulted ? ' (the default: seller.activity was not given)' : ''}.`,
    ru: (p: { activity: Activity; defaulted: boolean }) =>
      `Это порог для вида деятельности «${ACTIVITY.ru[p.activity]}»${p.defaulted ? ' (по умолчанию: seller.activity не указан)' : ''}.`,
    kk: (p: { activity: Activity; defaulted: boolean }) =>
      `Бұл «${ACTIVITY.kk[p.activity]}» қызмет түрінің шегі${p.defaulted ? ' (әдепкі: seller.activity көрсетілмеген)' : ''}.`,
    ky: (p: { activity: Activity; defaulted: boolean }) =>
      `Бул «${ACTIVITY.ky[p.activity]}» ишмердүүлүк түрүнүн босогосу${p.defaulted ? ' (демейки: seller.activity көрсөтүлгөн жок)' : ''}.`,
  },
  'REASON.thresholdBasis': {
    en: (p: { amount: string; activity?: Activity; defaulted: boolean }) =>
      `12-month taxable turnover above ${p.amount}${p.activity ? ` (threshold for ${ACTIVITY.en[p.activity]}${p.defaulted ? ', the default' : ''})` : ''}`,
    ru: (p: { amount: string; activity?: Activity; defaulted: boolean }) =>
      `облагаемый оборот за 12 месяцев свыше ${p.amount}${p.activity ? ` (порог для вида деятельности «${ACTIVITY.ru[p.activity]}»${p.defaulted ? ', по умолчанию' : ''})` : ''}`,
    kk: (p: { amount: string; activity?: Activity; defaulted: boolean }) =>
      `12 айдағы салық салынатын айналым ${p.amount} асса${p.activity ? ` («${ACTIVITY.kk[p.activity]}» шегі${p.defaulted ? ', әдепкі' : ''})` : ''}`,
    ky: (p: { amount: string; activity?: Activity; defaulted: boolean }) =>
      `12 айдагы салык салынуучу жүгүртүү ${p.amount} ашса${p.activity ? ` («${ACTIVITY.ky[p.activity]}» босогосу${p.defaulted ? ', демейки' : ''})` : ''}`,
  },
  'REASON.noThreshold': {
    en: () => 'no threshold: registration from the first sale',
    ru: () => 'порога нет: регистрация с первой продажи',
    kk: () => 'шек жоқ: алғашқы сатудан бастап тіркелу',
    ky: () => 'босого жок: биринчи сатуудан баштап катталуу',
  },
  'REASON.filedBy': {
    en: (p: { by: Filer }) =>
      p.by === 'buyer'
        ? "This is the buyer's return: the buyer reports and pays the VAT for the non-resident."
        : "This is the seller's own return.",
    ru: (p: { by: Filer }) =>
      p.by === 'buyer'
        ? 'Это декларация покупателя: он отражает и уплачивает НДС за нерезидента.'
        : 'Это собственная декларация продавца.',
    kk: (p: { by: Filer }) =>
      p.by === 'buyer'
        ? 'Бұл сатып алушының декларациясы: резидент емес үшін ҚҚС-ты ол көрсетеді және төлейді.'
        : 'Бұл сатушының өз декларациясы.',
    ky: (p: { by: Filer }) =>
      p.by === 'buyer'
        ? 'Бул сатып алуучунун декларациясы: резидент эмес үчүн КНСти ал көрсөтөт жана төлөйт.'
        : 'Бул сатуучунун өз декларациясы.',
  },
  'REASON.taxAgent': {
    en: (p: { country: string; issuesEsf: boolean; keeps: readonly Record[] }) =>
      `The buyer pays this VAT as tax agent${p.issuesEsf ? " and issues the ESF on the non-resident's behalf" : ''}; the non-resident seller does not register for VAT in ${p.country}.${p.keeps.length ? ` The buyer keeps ${records('en', p.keeps)}.` : ''}`,
    ru: (p: { country: string; issuesEsf: boolean; keeps: readonly Record[] }) =>
      `Этот НДС уплачивает покупатель как налоговый агент${p.issuesEsf ? ' и выписывает ЭСФ за нерезидента' : ''}; продавец-нерезидент не встаёт на учёт по НДС в ${p.country}.${p.keeps.length ? ` Покупатель хранит: ${records('ru', p.keeps)}.` : ''}`,
    kk: (p: { country: string; issuesEsf: boolean; keeps: readonly Record[] }) =>
      `Бұл ҚҚС-ты сатып алушы салық агенті ретінде төлейді${p.issuesEsf ? ' және резидент емес үшін ЭШФ жазады' : ''}; резидент емес сатушы ${p.country} елінде ҚҚС бойынша тіркелмейді.${p.keeps.length ? ` Сатып алушы сақтайды: ${records('kk', p.keeps)}.` : ''}`,
    ky: (p: { country: string; issuesEsf: boolean; keeps: readonly Record[] }) =>
      `Бул КНСти сатып алуучу салык агенти катары төлөйт${p.issuesEsf ? ' жана резидент эмес үчүн ЭСФ жазат' : ''}; резидент эмес сатуучу ${p.country} өлкөсүндө КНС боюнча катталбайт.${p.keeps.length ? ` Сатып алуучу сактайт: ${records('ky', p.keeps)}.` : ''}`,
  },
  'REASON.taxAgentNotRegistered': {
    en: (p: { country: string; esfDuty: boolean }) =>
      `The buyer is not VAT-registered: it still pays this VAT for the non-resident as tax agent and cannot offset it; the non-resident seller does not register for VAT in ${p.country}.${p.esfDuty ? " The duty to issue the ESF on the non-resident's behalf is stated for VAT payers." : ''}`,
    ru: (p: { country: string; esfDuty: boolean }) =>
      `Покупатель не плательщик НДС: он всё равно уплачивает этот НДС за нерезидента как налоговый агент и не может взять его в зачёт; продавец-нерезидент не встаёт на учёт по НДС в ${p.country}.${p.esfDuty ? ' Обязанность выписать ЭСФ за нерезидента установлена для плательщиков НДС.' : ''}`,
    kk: (p: { country: string; esfDuty: boolean }) =>
      `Сатып алушы ҚҚС төлеуші емес: ол бәрібір бұл ҚҚС-ты резидент емес үшін салық агенті ретінде төлейді және оны есепке жатқыза алмайды; резидент емес сатушы ${p.country} елінде ҚҚС бойынша тіркелмейді.${p.esfDuty ? ' Резидент емес үшін ЭШФ жазу міндеті ҚҚС төлеушілерге белгіленген.' : ''}`,
    ky: (p: { country: string; esfDuty: boolean }) =>
      `Сатып алуучу КНС төлөөчү эмес: ал баары бир бул КНСти резидент эмес үчүн салык агенти катары төлөйт жана аны эсепке ала албайт; резидент эмес сатуучу ${p.country} өлкөсүндө КНС боюнча катталбайт.${p.esfDuty ? ' Резидент эмес үчүн ЭСФ жазуу милдети КНС төлөөчүлөр үчүн белгиленген.' : ''}`,
  },
  'REASON.b2bBuyerNotRegistered': {
    en: () =>
      'A Kazakh business buyer that is not VAT-registered, buying services (including electronic services) from a non-resident with Kazakhstan as the place of supply: the foreign seller does not register (conditional registration covers sales to individuals only), so the buyer pays the VAT for the non-resident.',
    ru: () =>
      'Казахстанский покупатель-бизнес, не являющийся плательщиком НДС, приобретает услуги (в том числе электронные) у нерезидента с местом реализации в Казахстане: иностранный продавец не регистрируется (условная регистрация — только для продаж физлицам), поэтому НДС за нерезидента уплачивает покупатель.',
    kk: () =>
      'ҚҚС төлеуші емес қазақстандық бизнес-сатып алушы резидент еместен өткізу орны Қазақстан болатын қызметтерді (оның ішінде электрондық) сатып алады: шетелдік сатушы тіркелмейді (шартты тіркеу тек жеке тұлғаларға сатуға арналған), сондықтан резидент емес үшін ҚҚС-ты сатып алушы төлейді.',
    ky: () =>
      'КНС төлөөчү эмес казакстандык бизнес-сатып алуучу резидент эмес тараптан сатуу орду Казакстан болгон кызматтарды (анын ичинде электрондук) сатып алат: чет элдик сатуучу катталбайт (шарттуу каттоо жеке адамдарга сатуу үчүн гана), ошондуктан резидент эмес үчүн КНСти сатып алуучу төлөйт.',
  },
  'REASON.daysMet': {
    en: (p: { days: number; start: string; end: string }) => `Met: ${p.days} days from ${p.start} to ${p.end}.`,
    ru: (p: { days: number; start: string; end: string }) => `Выполнено: ${p.days} дн. с ${p.start} по ${p.end}.`,
    kk: (p: { days: number; start: string; end: string }) =>
      `Орындалды: ${p.start} – ${p.end} аралығында ${p.days} күн.`,
    ky: (p: { days: number; start: string; end: string }) =>
      `Аткарылды: ${p.start} – ${p.end} аралыгында ${p.days} күн.`,
  },
  'REASON.daysNotMet': {
    en: (p: { days: number; start: string; end: string }) =>
      `Not met: at most ${p.days} days in a window (${p.start} to ${p.end}).`,
    ru: (p: { days: number; start: string; end: string }) =>
      `Не выполнено: не более ${p.days} дн. в одном периоде (${p.start} – ${p.end}).`,
    kk: (p: { days: number; start: string; end: string }) =>
      `Орындалмады: бір кезеңде ең көбі ${p.days} күн (${p.start} – ${p.end}).`,
    ky: (p: { days: number; start: string; end: string }) =>
      `Аткарылган жок: бир мезгилде эң көп ${p.days} күн (${p.start} – ${p.end}).`,
  },
  'REASON.vitalMet': {
    en: () => 'All three criteria hold.',
    ru: () => 'Выполнены все три условия.',
    kk: () => 'Үш шарттың бәрі орындалды.',
    ky: () => 'Үч шарттын баары аткарылды.',
  },
  'REASON.vitalNotMet': {
    en: (p: { missing: readonly Missing[] }) => `Not met: missing ${p.missing.map((m) => MISSING.en[m]).join(', ')}.`,
    ru: (p: { missing: readonly Missing[] }) =>
      `Не выполнено: нет условий — ${p.missing.map((m) => MISSING.ru[m]).join(', ')}.`,
    kk: (p: { missing: readonly Missing[] }) =>
      `Орындалмады: жоқ шарттар — ${p.missing.map((m) => MISSING.kk[m]).join(', ')}.`,
    ky: (p: { missing: readonly Missing[] }) =>
      `Аткарылган жок: жок шарттар — ${p.missing.map((m) => MISSING.ky[m]).join(', ')}.`,
  },
  'REASON.treatyNotApplied': {
    en: () => 'Not applied: the certificate override is for foreign citizens and stateless persons.',
    ru: () => 'Не применено: сертификат меняет статус только иностранцам и лицам без гражданства.',
    kk: () => 'Қолданылмады: сертификат тек шетел азаматтары мен азаматтығы жоқ адамдарға қолданылады.',
    ky: () => 'Колдонулган жок: сертификат чет өлкөлүк жарандарга жана жарандыгы жок адамдарга гана колдонулат.',
  },
  'REASON.treatyApplied': {
    en: (p: { test: Test }) => `Applied: the certificate overrides the ${TEST.en[p.test]} test.`,
    ru: (p: { test: Test }) => `Применено: сертификат отменяет результат критерия ${TEST.ru[p.test]}.`,
    kk: (p: { test: Test }) => `Қолданылды: сертификат ${TEST.kk[p.test]} өлшемінің нәтижесін жояды.`,
    ky: (p: { test: Test }) => `Колдонулду: сертификат ${TEST.ky[p.test]} критерийинин жыйынтыгын жокко чыгарат.`,
  },
} as const;

/** Formats a reason phrase (this catalog only, so the library does not carry the API's or the page's texts). */
export const tRule = formatterFor(RULE_MESSAGES);
