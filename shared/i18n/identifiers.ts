import { formatterFor } from './format.js';
import { ruPlural } from './plural.js';

/**
 * Identifier error and warning messages, keyed `CODE` or `CODE.variant` (one code can have several causes).
 * Terms are the accountants' own: ИИН/БИН and ИНН/ПИН in Russian; ЖСН/БСН in Kazakh; ИНН/ПИН in Kyrgyz, where a
 * Kazakh number keeps its Russian name ИИН/БИН (the Kazakh ЖСН/БСН are not what a Kyrgyz accountant reads).
 * The English texts are the v1 contract's and must not change wording casually: integrators match on codes,
 * but people read these.
 */

type Country = 'KZ' | 'KG';
type Kind = 'IIN' | 'BIN' | 'INN' | 'PIN';
const LENGTH: Record<Country, number> = { KZ: 12, KG: 14 };
const other = (c: Country): Country => (c === 'KZ' ? 'KG' : 'KZ');

const ruDigits = (n: number) => `${n} ${ruPlural(n, 'цифра', 'цифры', 'цифр')}`;
/** Genitive country names: «БИН Казахстана», «Қазақстанның ЖСН-і», «Казакстандын ИИНи». */
const ruCountry = (c: Country) => (c === 'KZ' ? 'Казахстана' : 'Кыргызстана');
const kkCountry = (c: Country) => (c === 'KZ' ? 'Қазақстанның' : 'Қырғызстанның');
const kyCountry = (c: Country) => (c === 'KZ' ? 'Казакстандын' : 'Кыргызстандын');
/** Locative: «для Казахстана» / «Қазақстан үшін» / «Казакстан үчүн». */
const kkFor = (c: Country) => (c === 'KZ' ? 'Қазақстан үшін' : 'Қырғызстан үшін');
const kyFor = (c: Country) => (c === 'KZ' ? 'Казакстан үчүн' : 'Кыргызстан үчүн');

/** Kind names as each audience writes them, bare and with the possessive ending (Kazakh, Kyrgyz). */
const KIND = {
  en: { IIN: 'IIN', BIN: 'BIN', INN: 'INN', PIN: 'PIN' },
  ru: { IIN: 'ИИН', BIN: 'БИН', INN: 'ИНН', PIN: 'ПИН' },
  kk: { IIN: 'ЖСН', BIN: 'БСН', INN: 'ИНН', PIN: 'ПИН' },
  ky: { IIN: 'ИИН', BIN: 'БИН', INN: 'ИНН', PIN: 'ПИН' },
} as const;
const KIND_POSS = {
  kk: { IIN: 'ЖСН-і', BIN: 'БСН-і', INN: 'ИНН-і', PIN: 'ПИН-і' },
  ky: { IIN: 'ИИНи', BIN: 'БИНи', INN: 'ИННи', PIN: 'ПИНи' },
} as const;

/** One way of reading a short digit run back into a full number (for the ambiguity message). */
export interface Reading {
  value: string;
  country: Country;
  kind: Kind;
}
const readings = (list: readonly Reading[], name: (r: Reading) => string) =>
  list.map((r) => `${r.value} — ${name(r)}`).join('; ');

/** A date the digits encode, and whether it sits in digits 2-9 (KG) rather than at the start (KZ). */
type DateParams = { date: string; kg: boolean };

export const IDENTIFIER_MESSAGES = {
  INVALID_CHARACTERS: {
    en: () => 'only ASCII digits, spaces, hyphens and dots are allowed',
    ru: () => 'допустимы только цифры 0–9, пробелы, дефисы и точки',
    kk: () => 'тек 0–9 цифрларын, бос орынды, дефис пен нүктені қолдануға болады',
    ky: () => '0–9 цифраларын, боштукту, дефисти жана чекитти гана колдонууга болот',
  },
  EMPTY_VALUE: {
    en: () => 'the value is empty: no IIN/BIN or INN/PIN was given',
    ru: () => 'значение пустое: ИИН/БИН или ИНН/ПИН не указан',
    kk: () => 'мән бос: ЖСН/БСН не ИНН/ПИН көрсетілмеген',
    ky: () => 'маани бош: ИНН/ПИН же ИИН/БИН көрсөтүлгөн эмес',
  },
  SPREADSHEET_NUMBER: {
    en: (p: { value: string }) =>
      `Excel shows this number in scientific form (${p.value}) and its last digits are lost: format the column as Text in Excel (or export it from 1C as text) and export the list again`,
    ru: (p: { value: string }) =>
      `Excel записал номер в экспоненциальной форме (${p.value}), последние цифры потеряны: задайте столбцу формат «Текстовый» в Excel (или выгрузите из 1С как текст) и выгрузите список заново`,
    kk: (p: { value: string }) =>
      `Excel нөмірді экспоненциалды түрде жазды (${p.value}), соңғы цифрлары жоғалды: Excel-де бағанға «Мәтіндік» пішімін беріп (немесе 1С-тен мәтін ретінде түсіріп), тізімді қайта экспорттаңыз`,
    ky: (p: { value: string }) =>
      `Excel номерди экспоненциалдык түрдө жазды (${p.value}), акыркы цифралары жоголду: Excelде мамычага «Текст» форматын берип (же 1Стен текст катары чыгарып), тизмени кайра экспорттоңуз`,
  },
  INVALID_LENGTH: {
    en: (p: { count: number; country: Country | null }) =>
      `${p.count} digits; expected ${p.country ? `${LENGTH[p.country]} digits for ${p.country}` : '12 digits (KZ) or 14 digits (KG)'}`,
    ru: (p: { count: number; country: Country | null }) =>
      `${ruDigits(p.count)}; ожидается ${p.country ? `${LENGTH[p.country]} цифр для ${p.country === 'KZ' ? 'ИИН/БИН Казахстана' : 'ИНН/ПИН Кыргызстана'}` : '12 цифр (ИИН/БИН, Казахстан) или 14 цифр (ИНН/ПИН, Кыргызстан)'}`,
    kk: (p: { count: number; country: Country | null }) =>
      `${p.count} цифр; ${p.country ? `${kkFor(p.country)} ${LENGTH[p.country]} цифр` : '12 цифр (ЖСН/БСН, Қазақстан) немесе 14 цифр (ИНН/ПИН, Қырғызстан)'} болуы керек`,
    ky: (p: { count: number; country: Country | null }) =>
      `${p.count} цифра; ${p.country ? `${kyFor(p.country)} ${LENGTH[p.country]} цифра` : '12 цифра (ИИН/БИН, Казакстан) же 14 цифра (ИНН/ПИН, Кыргызстан)'} болушу керек`,
  },
  UNKNOWN_COUNTRY: {
    en: (p: { option: string }) => `the country cannot be inferred from this length; pass ${p.option}`,
    ru: (p: { option: string }) => `по такой длине страну не определить; укажите страну в параметре ${p.option}`,
    kk: (p: { option: string }) =>
      `мұндай ұзындық бойынша елді анықтау мүмкін емес; елді ${p.option} параметрімен көрсетіңіз`,
    ky: (p: { option: string }) =>
      `мындай узундук боюнча өлкөнү аныктоо мүмкүн эмес; өлкөнү ${p.option} параметри менен көрсөтүңүз`,
  },
  'INVALID_CHECKSUM.expected': {
    en: (p: { expected: number; actual: string }) => `the check digit should be ${p.expected}, not ${p.actual}`,
    ru: (p: { expected: number; actual: string }) => `контрольная цифра должна быть ${p.expected}, а не ${p.actual}`,
    kk: (p: { expected: number; actual: string }) => `бақылау цифры ${p.actual} емес, ${p.expected} болуы керек`,
    ky: (p: { expected: number; actual: string }) => `контролдук цифра ${p.actual} эмес, ${p.expected} болушу керек`,
  },
  'INVALID_CHECKSUM.unissuable': {
    en: () => 'no valid KZ number exists for these first 11 digits (both check-digit passes give 10)',
    ru: () =>
      'с такими первыми 11 цифрами действительного ИИН/БИН не бывает (оба прохода расчёта контрольной цифры дают 10)',
    kk: () => 'алғашқы 11 цифры мұндай жарамды ЖСН/БСН болмайды (бақылау цифрын екі тәсілмен есептегенде де 10 шығады)',
    ky: () =>
      'алгачкы 11 цифрасы мындай жарактуу ИИН/БИН болбойт (контролдук цифраны эки жол менен эсептегенде да 10 чыгат)',
  },
  'INVALID_COMPONENT.kzTypeDigit': {
    en: (p: { digit: number }) =>
      `the 5th digit ${p.digit} is neither an IIN date digit (0-3) nor a BIN entity type (4-6)`,
    ru: (p: { digit: number }) => `5-я цифра ${p.digit} — не цифра даты ИИН (0–3) и не тип юрлица БИН (4–6)`,
    kk: (p: { digit: number }) =>
      `5-цифр ${p.digit} — ЖСН-дегі туған күн цифры (0–3) да, БСН-дегі заңды тұлға түрі (4–6) да емес`,
    ky: (p: { digit: number }) =>
      `5-цифра ${p.digit} — ИИНдеги туулган күндүн цифрасы (0–3) да, БИНдеги юридикалык жактын түрү (4–6) да эмес`,
  },
  'INVALID_COMPONENT.kzDivision': {
    en: (p: { digit: number }) => `the 6th digit ${p.digit} is not a known BIN division (0-4)`,
    ru: (p: { digit: number }) => `6-я цифра ${p.digit} — неизвестный признак подразделения БИН (0–4)`,
    kk: (p: { digit: number }) => `6-цифр ${p.digit} — БСН-дегі бөлімше белгісі емес (0–4 болуы керек)`,
    ky: (p: { digit: number }) => `6-цифра ${p.digit} — БИНдеги бөлүм белгиси эмес (0–4 болушу керек)`,
  },
  'INVALID_COMPONENT.kgFirstDigit': {
    en: (p: { digit: number }) =>
      `the first digit ${p.digit} is not 0 (organisation), 1 or 2 (individual) or 4 (foreign national)`,
    ru: (p: { digit: number }) =>
      `первая цифра ${p.digit} — не 0 (организация), не 1 или 2 (физлицо) и не 4 (иностранец)`,
    kk: (p: { digit: number }) =>
      `бірінші цифр ${p.digit} болмайды: 0 (ұйым), 1 немесе 2 (жеке тұлға) не 4 (шетел азаматы) болуы керек`,
    ky: (p: { digit: number }) =>
      `биринчи цифра ${p.digit} болбойт: 0 (уюм), 1 же 2 (жеке жак) же 4 (чет өлкөлүк жаран) болушу керек`,
  },
  INVALID_CENTURY_DIGIT: {
    en: (p: { digit: number }) => `the 7th digit ${p.digit} must be 1-6 (century and sex)`,
    ru: (p: { digit: number }) => `7-я цифра ${p.digit} должна быть от 1 до 6 (век и пол)`,
    kk: (p: { digit: number }) => `7-цифр (ғасыр мен жынысы) 1-ден 6-ға дейін болуы керек, ал мұнда ${p.digit}`,
    ky: (p: { digit: number }) => `7-цифра (кылым жана жынысы) 1ден 6га чейин болушу керек, бул жерде ${p.digit}`,
  },
  'INVALID_DATE.birth': {
    en: (p: DateParams) => `the birth date ${p.date}${p.kg ? ' in digits 2-9' : ''} does not exist`,
    ru: (p: DateParams) => `дата рождения ${p.date}${p.kg ? ' (цифры 2–9)' : ''} не существует`,
    kk: (p: DateParams) => `${p.kg ? '2–9 цифрлардағы ' : ''}${p.date} туған күні күнтізбеде жоқ`,
    ky: (p: DateParams) => `${p.kg ? '2–9 цифралардагы ' : ''}${p.date} туулган күнү календарда жок`,
  },
  'INVALID_DATE.registration': {
    en: (p: DateParams) => `the registration date ${p.date}${p.kg ? ' in digits 2-9' : ''} does not exist`,
    ru: (p: DateParams) => `дата регистрации ${p.date}${p.kg ? ' (цифры 2–9)' : ''} не существует`,
    kk: (p: DateParams) => `${p.kg ? '2–9 цифрлардағы ' : ''}${p.date} тіркелу күні күнтізбеде жоқ`,
    ky: (p: DateParams) => `${p.kg ? '2–9 цифралардагы ' : ''}${p.date} катталган күнү календарда жок`,
  },
  'INVALID_DATE.registrationMonth': {
    en: (p: { month: string }) => `the registration month ${p.month} does not exist`,
    ru: (p: { month: string }) => `месяца регистрации ${p.month} не существует`,
    kk: (p: { month: string }) => `тіркелу айы ${p.month} болмайды (01–12 болуы керек)`,
    ky: (p: { month: string }) => `катталган ай ${p.month} болбойт (01–12 болушу керек)`,
  },
  'BIRTH_DATE_IN_FUTURE.kz': {
    en: (p: { date: string; asOf: string }) =>
      `the encoded birth date ${p.date} is after ${p.asOf}; since 2013 IIN digits are not legally bound to the holder's data`,
    ru: (p: { date: string; asOf: string }) =>
      `зашифрованная дата рождения ${p.date} позже ${p.asOf}; с 2013 года цифры ИИН юридически не привязаны к данным владельца`,
    kk: (p: { date: string; asOf: string }) =>
      `нөмірдегі туған күн ${p.date} ${p.asOf} күнінен кейін; 2013 жылдан бастап ЖСН цифрлары иесінің деректеріне заң жүзінде байланысты емес`,
    ky: (p: { date: string; asOf: string }) =>
      `номердеги туулган күн ${p.date} ${p.asOf} күнүнөн кийин; 2013-жылдан бери ИИНдин цифралары ээсинин маалыматтарына мыйзам боюнча байланбайт`,
  },
  'BIRTH_DATE_IN_FUTURE.kg': {
    en: (p: { date: string; asOf: string }) => `the encoded birth date ${p.date} is after ${p.asOf}`,
    ru: (p: { date: string; asOf: string }) => `зашифрованная дата рождения ${p.date} позже ${p.asOf}`,
    kk: (p: { date: string; asOf: string }) => `нөмірдегі туған күн ${p.date} ${p.asOf} күнінен кейін`,
    ky: (p: { date: string; asOf: string }) => `номердеги туулган күн ${p.date} ${p.asOf} күнүнөн кийин`,
  },
  'KIND_MISMATCH.country': {
    en: (p: { wanted: Kind; country: Country; kind: Kind }) =>
      `a ${p.wanted} is not a ${p.country} identifier; this value is a ${p.country} ${p.kind}`,
    ru: (p: { wanted: Kind; country: Country; kind: Kind }) =>
      `ожидался ${KIND.ru[p.wanted]} ${ruCountry(other(p.country))}, но это ${KIND.ru[p.kind]} ${ruCountry(p.country)}`,
    kk: (p: { wanted: Kind; country: Country; kind: Kind }) =>
      `${kkCountry(other(p.country))} ${KIND_POSS.kk[p.wanted]} күтілді, бірақ бұл — ${kkCountry(p.country)} ${KIND_POSS.kk[p.kind]}`,
    ky: (p: { wanted: Kind; country: Country; kind: Kind }) =>
      `${kyCountry(other(p.country))} ${KIND_POSS.ky[p.wanted]} күтүлгөн, бирок бул — ${kyCountry(p.country)} ${KIND_POSS.ky[p.kind]}`,
  },
  'KIND_MISMATCH.kind': {
    en: (p: { wanted: Kind; kind: Kind }) => `expected a ${p.wanted}, but the digits say ${p.kind}`,
    ru: (p: { wanted: Kind; kind: Kind }) => `ожидался ${KIND.ru[p.wanted]}, но по цифрам это ${KIND.ru[p.kind]}`,
    kk: (p: { wanted: Kind; kind: Kind }) =>
      `${KIND.kk[p.wanted]} күтілді, бірақ цифрлары бойынша бұл — ${KIND.kk[p.kind]}`,
    ky: (p: { wanted: Kind; kind: Kind }) =>
      `${KIND.ky[p.wanted]} күтүлгөн, бирок цифралары боюнча бул — ${KIND.ky[p.kind]}`,
  },
  LEADING_ZERO_LOST: {
    en: (p: { count: number; zeros: number; padded: string; country: Country; kind: Kind }) =>
      `${p.count} digits: ${p.zeros === 1 ? 'a leading 0 was' : `${p.zeros} leading zeros were`} probably lost; ${p.padded} is a valid ${p.country} ${p.kind}`,
    ru: (p: { count: number; zeros: number; padded: string; country: Country; kind: Kind }) =>
      `${ruDigits(p.count)}: вероятно, ${p.zeros === 1 ? 'потерян ведущий ноль' : `потеряны ${p.zeros} ведущих нуля`} (так делает Excel); ${p.padded} — действительный ${KIND.ru[p.kind]} ${ruCountry(p.country)}`,
    kk: (p: { count: number; zeros: number; padded: string; country: Country; kind: Kind }) =>
      `${p.count} цифр: басындағы ${p.zeros === 1 ? 'нөл' : `${p.zeros} нөл`} жоғалған сияқты (Excel осылай істейді); ${p.padded} — ${kkCountry(p.country)} жарамды ${KIND_POSS.kk[p.kind]}`,
    ky: (p: { count: number; zeros: number; padded: string; country: Country; kind: Kind }) =>
      `${p.count} цифра: башындагы ${p.zeros === 1 ? 'нөл' : `${p.zeros} нөл`} жоголгон окшойт (Excel ушинтет); ${p.padded} — ${kyCountry(p.country)} жарактуу ${KIND_POSS.ky[p.kind]}`,
  },
  'LEADING_ZERO_LOST.ambiguous': {
    en: (p: { count: number; readings: readonly Reading[] }) =>
      `${p.count} digits: leading zeros were probably lost, but more than one padded value is valid (${readings(p.readings, (r) => `${r.country} ${r.kind}`)}); check the original document`,
    ru: (p: { count: number; readings: readonly Reading[] }) =>
      `${ruDigits(p.count)}: вероятно, потеряны ведущие нули, но подходит несколько вариантов (${readings(p.readings, (r) => `${KIND.ru[r.kind]} ${ruCountry(r.country)}`)}); сверьтесь с исходным документом`,
    kk: (p: { count: number; readings: readonly Reading[] }) =>
      `${p.count} цифр: басындағы нөлдер жоғалған сияқты, бірақ бірнеше нұсқа жарамды (${readings(p.readings, (r) => `${kkCountry(r.country)} ${KIND_POSS.kk[r.kind]}`)}); бастапқы құжатпен салыстырыңыз`,
    ky: (p: { count: number; readings: readonly Reading[] }) =>
      `${p.count} цифра: башындагы нөлдөр жоголгон окшойт, бирок бир нече вариант жарактуу (${readings(p.readings, (r) => `${kyCountry(r.country)} ${KIND_POSS.ky[r.kind]}`)}); баштапкы документ менен салыштырыңыз`,
  },
  STRUCTURE_UNCONFIRMED: {
    en: () => 'structure only: Kyrgyz INN/PIN have no published check digit',
    ru: () => 'проверена только структура: у кыргызских ИНН/ПИН нет опубликованной контрольной цифры',
    kk: () => 'тек құрылымы тексерілді: Қырғызстанның ИНН/ПИН нөмірлерінің жарияланған бақылау цифры жоқ',
    ky: () => 'түзүлүшү гана текшерилди: Кыргызстандын ИНН/ПИНинин жарыяланган контролдук цифрасы жок',
  },
  FOREIGN_NATIONAL_PIN: {
    en: () => "a leading 4 marks a foreign national's or stateless person's PIN (issued from 2025-07-01)",
    ru: () => 'первая цифра 4 — ПИН иностранца или лица без гражданства (выдаются с 01.07.2025)',
    kk: () =>
      'бірінші 4 цифры — шетел азаматының немесе азаматтығы жоқ адамның ПИН-і (2025 жылғы 1 шілдеден бастап беріледі)',
    ky: () =>
      'биринчи 4 цифрасы — чет өлкөлүк жарандын же жарандыгы жок адамдын ПИНи (2025-жылдын 1-июлунан бери берилет)',
  },
} as const;

/** Formats an identifier message (the validators' own catalog only; see `formatterFor`). */
export const tIdentifier = formatterFor(IDENTIFIER_MESSAGES);
