import { ruPlural } from './plural.js';

/**
 * Identifier error and warning messages, keyed `CODE` or `CODE.variant` (one code can have several causes).
 * Terms are the accountants' own: ИИН/БИН and ИНН/ПИН in Russian, ЖСН/БСН in Kazakh, ИНН/ПИН in Kyrgyz.
 * The English texts are the v1 contract's and must not change wording casually: integrators match on codes,
 * but people read these.
 */

type Country = 'KZ' | 'KG';
const LENGTH: Record<Country, number> = { KZ: 12, KG: 14 };

const ruDigits = (n: number) => `${n} ${ruPlural(n, 'цифра', 'цифры', 'цифр')}`;
const ruCountry = (c: Country) => (c === 'KZ' ? 'Казахстана' : 'Кыргызстана');
const kkCountry = (c: Country) => (c === 'KZ' ? 'Қазақстан' : 'Қырғызстан');
const kyCountry = (c: Country) => (c === 'KZ' ? 'Казакстан' : 'Кыргызстан');

/** Kind names as each audience writes them. */
const KIND = {
  ru: { IIN: 'ИИН', BIN: 'БИН', INN: 'ИНН', PIN: 'ПИН' },
  kk: { IIN: 'ЖСН', BIN: 'БСН', INN: 'ИНН', PIN: 'ПИН' },
  ky: { IIN: 'ЖСН (ИИН)', BIN: 'БСН (БИН)', INN: 'ИНН', PIN: 'ПИН' },
} as const;
type Kind = keyof typeof KIND.ru;

export const IDENTIFIER_MESSAGES = {
  INVALID_CHARACTERS: {
    en: () => 'only ASCII digits, spaces, hyphens and dots are allowed',
    ru: () => 'допустимы только цифры 0–9, пробелы, дефисы и точки',
    kk: () => 'тек 0–9 цифрлары, бос орын, дефис және нүкте болуы керек',
    ky: () => '0–9 цифралары, боштук, дефис жана чекит гана болушу керек',
  },
  EMPTY_VALUE: {
    en: () => 'the TIN cell is empty',
    ru: () => 'ячейка ИИН/БИН (ИНН) пустая',
    kk: () => 'ЖСН/БСН ұяшығы бос',
    ky: () => 'ИНН/ПИН уячасы бош',
  },
  SPREADSHEET_NUMBER: {
    en: (p: { value: string }) =>
      `Excel shows this number in scientific form (${p.value}) and its last digits are lost: format the column as Text in Excel (or export it from 1C as text) and export the list again`,
    ru: (p: { value: string }) =>
      `Excel записал номер в экспоненциальной форме (${p.value}), последние цифры потеряны: задайте столбцу формат «Текстовый» в Excel (или выгрузите из 1С как текст) и выгрузите список заново`,
    kk: (p: { value: string }) =>
      `Excel нөмірді экспоненциалды түрде жазды (${p.value}), соңғы цифрлары жоғалды: Excel-де бағанға «Мәтін» пішімін беріп (немесе 1С-тен мәтін ретінде шығарып), тізімді қайта экспорттаңыз`,
    ky: (p: { value: string }) =>
      `Excel номерди экспоненциалдык түрдө жазды (${p.value}), акыркы цифралары жоголду: Excel'де мамычага «Текст» форматын берип (же 1С'тен текст катары чыгарып), тизмени кайра экспорттоңуз`,
  },
  INVALID_LENGTH: {
    en: (p: { count: number; country: Country | null }) =>
      `${p.count} digits; expected ${p.country ? `${LENGTH[p.country]} digits for ${p.country}` : '12 digits (KZ) or 14 digits (KG)'}`,
    ru: (p: { count: number; country: Country | null }) =>
      `${ruDigits(p.count)}; ожидается ${p.country ? `${LENGTH[p.country]} цифр для ${ruCountry(p.country)}` : '12 цифр (ИИН/БИН, Казахстан) или 14 цифр (ИНН/ПИН, Кыргызстан)'}`,
    kk: (p: { count: number; country: Country | null }) =>
      `${p.count} цифр; ${p.country ? `${kkCountry(p.country)} үшін ${LENGTH[p.country]} цифр` : '12 цифр (ЖСН/БСН, Қазақстан) немесе 14 цифр (ИНН/ПИН, Қырғызстан)'} болуы керек`,
    ky: (p: { count: number; country: Country | null }) =>
      `${p.count} цифра; ${p.country ? `${kyCountry(p.country)} үчүн ${LENGTH[p.country]} цифра` : '12 цифра (ЖСН/БСН, Казакстан) же 14 цифра (ИНН/ПИН, Кыргызстан)'} болушу керек`,
  },
  UNKNOWN_COUNTRY: {
    en: (p: { option: string }) => `the country cannot be inferred from this length; pass ${p.option}`,
    ru: (p: { option: string }) => `по такой длине страну не определить; укажите ${p.option}`,
    kk: (p: { option: string }) => `мұндай ұзындық бойынша елді анықтау мүмкін емес; ${p.option} көрсетіңіз`,
    ky: (p: { option: string }) => `мындай узундук боюнча өлкөнү аныктоо мүмкүн эмес; ${p.option} көрсөтүңүз`,
  },
  'INVALID_CHECKSUM.expected': {
    en: (p: { expected: number; actual: string }) => `the check digit should be ${p.expected}, not ${p.actual}`,
    ru: (p: { expected: number; actual: string }) => `контрольная цифра должна быть ${p.expected}, а не ${p.actual}`,
    kk: (p: { expected: number; actual: string }) => `бақылау цифры ${p.actual} емес, ${p.expected} болуы керек`,
    ky: (p: { expected: number; actual: string }) => `текшерүү цифрасы ${p.actual} эмес, ${p.expected} болушу керек`,
  },
  'INVALID_CHECKSUM.unissuable': {
    en: () => 'no valid KZ number exists for these first 11 digits (both check-digit passes give 10)',
    ru: () =>
      'с такими первыми 11 цифрами действительного ИИН/БИН не бывает (оба прохода расчёта контрольной цифры дают 10)',
    kk: () => 'мұндай алғашқы 11 цифрмен жарамды ЖСН/БСН болмайды (бақылау цифрын есептеудің екі өтуі де 10 береді)',
    ky: () =>
      'мындай алгачкы 11 цифра менен жарактуу ЖСН/БСН болбойт (текшерүү цифрасын эсептөөнүн эки өтүшү тең 10 берет)',
  },
  'INVALID_COMPONENT.kzTypeDigit': {
    en: (p: { digit: number }) =>
      `the 5th digit ${p.digit} is neither an IIN date digit (0-3) nor a BIN entity type (4-6)`,
    ru: (p: { digit: number }) => `5-я цифра ${p.digit} — не цифра даты ИИН (0–3) и не тип юрлица БИН (4–6)`,
    kk: (p: { digit: number }) => `5-цифр ${p.digit} ЖСН күнінің цифры да (0–3), БСН заңды тұлға түрі де (4–6) емес`,
    ky: (p: { digit: number }) =>
      `5-цифра ${p.digit} ЖСН датасынын цифрасы да (0–3), БСН юридикалык жак түрү да (4–6) эмес`,
  },
  'INVALID_COMPONENT.kzDivision': {
    en: (p: { digit: number }) => `the 6th digit ${p.digit} is not a known BIN division (0-4)`,
    ru: (p: { digit: number }) => `6-я цифра ${p.digit} — неизвестный признак подразделения БИН (0–4)`,
    kk: (p: { digit: number }) => `6-цифр ${p.digit} — БСН бөлімшесінің белгісіз белгісі (0–4)`,
    ky: (p: { digit: number }) => `6-цифра ${p.digit} — БСН бөлүмүнүн белгисиз белгиси (0–4)`,
  },
  'INVALID_COMPONENT.kgFirstDigit': {
    en: (p: { digit: number }) =>
      `the first digit ${p.digit} is not 0 (organisation), 1 or 2 (individual) or 4 (foreign national)`,
    ru: (p: { digit: number }) =>
      `первая цифра ${p.digit} — не 0 (организация), не 1 или 2 (физлицо) и не 4 (иностранец)`,
    kk: (p: { digit: number }) => `бірінші цифр ${p.digit} — 0 (ұйым), 1 не 2 (жеке тұлға) немесе 4 (шетелдік) емес`,
    ky: (p: { digit: number }) => `биринчи цифра ${p.digit} — 0 (уюм), 1 же 2 (жеке адам) же 4 (чет элдик) эмес`,
  },
  INVALID_CENTURY_DIGIT: {
    en: (p: { digit: number }) => `the 7th digit ${p.digit} must be 1-6 (century and sex)`,
    ru: (p: { digit: number }) => `7-я цифра ${p.digit} должна быть от 1 до 6 (век и пол)`,
    kk: (p: { digit: number }) => `7-цифр ${p.digit} 1-ден 6-ға дейін болуы керек (ғасыр және жыныс)`,
    ky: (p: { digit: number }) => `7-цифра ${p.digit} 1ден 6га чейин болушу керек (кылым жана жынысы)`,
  },
  'INVALID_DATE.birth': {
    en: (p: { date: string; where: string }) => `the birth date ${p.date}${p.where} does not exist`,
    ru: (p: { date: string; where: string }) => `дата рождения ${p.date}${p.where} не существует`,
    kk: (p: { date: string; where: string }) => `туған күні ${p.date}${p.where} жоқ күн`,
    ky: (p: { date: string; where: string }) => `туулган күнү ${p.date}${p.where} жок күн`,
  },
  'INVALID_DATE.registration': {
    en: (p: { date: string; where: string }) => `the registration date ${p.date}${p.where} does not exist`,
    ru: (p: { date: string; where: string }) => `дата регистрации ${p.date}${p.where} не существует`,
    kk: (p: { date: string; where: string }) => `тіркелген күні ${p.date}${p.where} жоқ күн`,
    ky: (p: { date: string; where: string }) => `катталган күнү ${p.date}${p.where} жок күн`,
  },
  'INVALID_DATE.registrationMonth': {
    en: (p: { month: string }) => `the registration month ${p.month} does not exist`,
    ru: (p: { month: string }) => `месяца регистрации ${p.month} не существует`,
    kk: (p: { month: string }) => `тіркелу айы ${p.month} жоқ`,
    ky: (p: { month: string }) => `катталуу айы ${p.month} жок`,
  },
  'BIRTH_DATE_IN_FUTURE.kz': {
    en: (p: { date: string; asOf: string }) =>
      `the encoded birth date ${p.date} is after ${p.asOf}; since 2013 IIN digits are not legally bound to the holder's data`,
    ru: (p: { date: string; asOf: string }) =>
      `зашифрованная дата рождения ${p.date} позже ${p.asOf}; с 2013 года цифры ИИН юридически не привязаны к данным владельца`,
    kk: (p: { date: string; asOf: string }) =>
      `шифрланған туған күні ${p.date} ${p.asOf} күнінен кейін; 2013 жылдан бастап ЖСН цифрлары иесінің деректеріне заң жүзінде байланбаған`,
    ky: (p: { date: string; asOf: string }) =>
      `шифрленген туулган күнү ${p.date} ${p.asOf} күнүнөн кийин; 2013-жылдан бери ЖСН цифралары ээсинин маалыматтарына мыйзам боюнча байланган эмес`,
  },
  'BIRTH_DATE_IN_FUTURE.kg': {
    en: (p: { date: string; asOf: string }) => `the encoded birth date ${p.date} is after ${p.asOf}`,
    ru: (p: { date: string; asOf: string }) => `зашифрованная дата рождения ${p.date} позже ${p.asOf}`,
    kk: (p: { date: string; asOf: string }) => `шифрланған туған күні ${p.date} ${p.asOf} күнінен кейін`,
    ky: (p: { date: string; asOf: string }) => `шифрленген туулган күнү ${p.date} ${p.asOf} күнүнөн кийин`,
  },
  'KIND_MISMATCH.country': {
    en: (p: { wanted: Kind; country: Country; kind: Kind }) =>
      `a ${p.wanted} is not a ${p.country} identifier; this value is a ${p.country} ${p.kind}`,
    ru: (p: { wanted: Kind; country: Country; kind: Kind }) =>
      `${KIND.ru[p.wanted]} не бывает у ${ruCountry(p.country)}; это ${KIND.ru[p.kind]} ${ruCountry(p.country)}`,
    kk: (p: { wanted: Kind; country: Country; kind: Kind }) =>
      `${KIND.kk[p.wanted]} — ${kkCountry(p.country)} нөмірі емес; бұл ${kkCountry(p.country)} ${KIND.kk[p.kind]}`,
    ky: (p: { wanted: Kind; country: Country; kind: Kind }) =>
      `${KIND.ky[p.wanted]} — ${kyCountry(p.country)} номери эмес; бул ${kyCountry(p.country)} ${KIND.ky[p.kind]}`,
  },
  'KIND_MISMATCH.kind': {
    en: (p: { wanted: Kind; kind: Kind }) => `expected a ${p.wanted}, but the digits say ${p.kind}`,
    ru: (p: { wanted: Kind; kind: Kind }) => `ожидался ${KIND.ru[p.wanted]}, но по цифрам это ${KIND.ru[p.kind]}`,
    kk: (p: { wanted: Kind; kind: Kind }) =>
      `${KIND.kk[p.wanted]} күтілді, бірақ цифрлар бойынша бұл ${KIND.kk[p.kind]}`,
    ky: (p: { wanted: Kind; kind: Kind }) =>
      `${KIND.ky[p.wanted]} күтүлгөн, бирок цифралар боюнча бул ${KIND.ky[p.kind]}`,
  },
  LEADING_ZERO_LOST: {
    en: (p: { count: number; zeros: number; padded: string; country: Country; kind: Kind }) =>
      `${p.count} digits: ${p.zeros === 1 ? 'a leading 0 was' : `${p.zeros} leading zeros were`} probably lost; ${p.padded} is a valid ${p.country} ${p.kind}`,
    ru: (p: { count: number; zeros: number; padded: string; country: Country; kind: Kind }) =>
      `${ruDigits(p.count)}: вероятно, потерян${p.zeros === 1 ? ' ведущий ноль' : 'ы ведущие нули'} (так делает Excel); ${p.padded} — действительный ${KIND.ru[p.kind]} ${ruCountry(p.country)}`,
    kk: (p: { count: number; zeros: number; padded: string; country: Country; kind: Kind }) =>
      `${p.count} цифр: басындағы ${p.zeros === 1 ? 'нөл' : `${p.zeros} нөл`} жоғалған болуы мүмкін (Excel осылай жасайды); ${p.padded} — ${kkCountry(p.country)} жарамды ${KIND.kk[p.kind]}`,
    ky: (p: { count: number; zeros: number; padded: string; country: Country; kind: Kind }) =>
      `${p.count} цифра: башындагы ${p.zeros === 1 ? 'нөл' : `${p.zeros} нөл`} жоголгон окшойт (Excel ушундай кылат); ${p.padded} — ${kyCountry(p.country)} жарактуу ${KIND.ky[p.kind]}`,
  },
  'LEADING_ZERO_LOST.ambiguous': {
    en: (p: { count: number; candidates: string }) =>
      `${p.count} digits: leading zeros were probably lost, but more than one padded value is valid (${p.candidates}); check the original document`,
    ru: (p: { count: number; candidates: string }) =>
      `${ruDigits(p.count)}: вероятно, потеряны ведущие нули, но подходит несколько вариантов (${p.candidates}); сверьтесь с исходным документом`,
    kk: (p: { count: number; candidates: string }) =>
      `${p.count} цифр: басындағы нөлдер жоғалған болуы мүмкін, бірақ бірнеше нұсқа жарамды (${p.candidates}); бастапқы құжатпен салыстырыңыз`,
    ky: (p: { count: number; candidates: string }) =>
      `${p.count} цифра: башындагы нөлдөр жоголгон окшойт, бирок бир нече вариант жарактуу (${p.candidates}); баштапкы документ менен салыштырыңыз`,
  },
  STRUCTURE_UNCONFIRMED: {
    en: () => 'structure only: Kyrgyz INN/PIN have no published check digit',
    ru: () => 'проверена только структура: у кыргызских ИНН/ПИН нет опубликованной контрольной цифры',
    kk: () => 'тек құрылымы тексерілді: қырғыз ИНН/ПИН-інің жарияланған бақылау цифры жоқ',
    ky: () => 'түзүлүшү гана текшерилди: кыргыз ИНН/ПИНдин жарыяланган текшерүү цифрасы жок',
  },
  FOREIGN_NATIONAL_PIN: {
    en: () => "a leading 4 marks a foreign national's or stateless person's PIN (issued from 2025-07-01)",
    ru: () => 'первая цифра 4 — ПИН иностранца или лица без гражданства (выдаются с 01.07.2025)',
    kk: () => 'бірінші 4 цифры — шетел азаматының немесе азаматтығы жоқ адамның ПИН-і (2025-07-01 бастап беріледі)',
    ky: () => 'биринчи 4 цифрасы — чет өлкөлүк жарандын же жарандыгы жок адамдын ПИНи (2025-07-01ден бери берилет)',
  },
} as const;
