/**
 * The HTTP API's own texts: problem titles and details, and one message per kind of malformed request field
 * (`shared/schemas/issues.ts` picks the kind). Every field message names the field (`p.field`, already in
 * back-quotes' reach) and says how to fix it, because invoicing software shows these texts to accountants as
 * they are. Values and lists arrive pre-formatted as strings, so a text never has to join or quote anything.
 * English titles are the v1 contract's (the `type` URNs are made from them); the other languages only translate.
 */

type Field = { field: string };
type FieldValue = { field: string; value: string };
type Limit = { field: string; limit: number };
type Known = { field: string; known: string };
type Suggest = { field: string; suggestion: string };
type Choice = { field: string; values: string };
type Expect = { field: string; expected: string; got: string };

export const API_MESSAGES = {
  // Problem titles, keyed by the slug of the English title (the end of the `type` URN).
  'problem.invalid-request': {
    en: () => 'Invalid request',
    ru: () => 'Некорректный запрос',
    kk: () => 'Сұрау қате',
    ky: () => 'Суроо туура эмес',
  },
  'problem.unauthorized': {
    en: () => 'Unauthorized',
    ru: () => 'Нет доступа: нужен ключ API',
    kk: () => 'Рұқсат жоқ: API кілті керек',
    ky: () => 'Уруксат жок: API ачкычы керек',
  },
  'problem.payload-too-large': {
    en: () => 'Payload too large',
    ru: () => 'Слишком большой запрос',
    kk: () => 'Сұрау тым үлкен',
    ky: () => 'Суроо өтө чоң',
  },
  'problem.service-unavailable': {
    en: () => 'Service unavailable',
    ru: () => 'Сервис временно недоступен',
    kk: () => 'Қызмет уақытша қолжетімсіз',
    ky: () => 'Кызмат убактылуу жеткиликсиз',
  },
  'problem.internal-error': {
    en: () => 'Internal error',
    ru: () => 'Внутренняя ошибка',
    kk: () => 'Ішкі қате',
    ky: () => 'Ички ката',
  },
  'problem.idempotency-key-reused': {
    en: () => 'Idempotency key reused',
    ru: () => 'Ключ идемпотентности уже использован',
    kk: () => 'Идемпотенттілік кілті бұрын қолданылған',
    ky: () => 'Идемпотенттүүлүк ачкычы мурда колдонулган',
  },
  'problem.request-in-progress': {
    en: () => 'Request in progress',
    ru: () => 'Запрос ещё выполняется',
    kk: () => 'Сұрау әлі орындалуда',
    ky: () => 'Суроо дагы эле аткарылууда',
  },

  // Problem details the API itself produces.
  'detail.bodyRequired': {
    en: () => 'a JSON request body is required',
    ru: () => 'нужно тело запроса в формате JSON',
    kk: () => 'JSON пішіміндегі сұрау денесі қажет',
    ky: () => 'JSON форматындагы суроонун денеси керек',
  },
  'detail.badJson': {
    en: (p: { reason: string }) =>
      `the request body is not valid JSON (${p.reason}); check quotes, commas and brackets`,
    ru: (p: { reason: string }) =>
      `тело запроса — не корректный JSON (${p.reason}); проверьте кавычки, запятые и скобки`,
    kk: (p: { reason: string }) =>
      `сұрау денесі дұрыс JSON емес (${p.reason}); тырнақшаларды, үтірлерді және жақшаларды тексеріңіз`,
    ky: (p: { reason: string }) =>
      `суроонун денеси туура JSON эмес (${p.reason}); тырмакчаларды, үтүрлөрдү жана кашааларды текшериңиз`,
  },
  'detail.more': {
    en: (p: { first: string; more: number }) => `${p.first} (and ${p.more} more: see errors)`,
    ru: (p: { first: string; more: number }) => `${p.first} (и ещё ${p.more}: см. errors)`,
    kk: (p: { first: string; more: number }) => `${p.first} (тағы ${p.more}: errors қараңыз)`,
    ky: (p: { first: string; more: number }) => `${p.first} (дагы ${p.more}: errors караңыз)`,
  },
  'detail.unauthorized': {
    en: () => 'a valid x-api-key header is required',
    ru: () => 'нужен заголовок x-api-key с действующим ключом',
    kk: () => 'жарамды кілті бар x-api-key тақырыбы қажет',
    ky: () => 'жарактуу ачкычы бар x-api-key аталышы керек',
  },
  'detail.auditUnavailable': {
    en: () => 'the audit log cannot be written right now; nothing was recorded as done. Retry later.',
    ru: () => 'журнал аудита сейчас недоступен для записи; ничего не сохранено. Повторите запрос позже.',
    kk: () => 'аудит журналына қазір жазу мүмкін емес; ештеңе сақталмады. Сұрауды кейінірек қайталаңыз.',
    ky: () => 'аудит журналына азыр жазуу мүмкүн эмес; эч нерсе сакталган жок. Суроону кийинчерээк кайталаңыз.',
  },
  'detail.internal': {
    en: () => 'an unexpected error occurred',
    ru: () => 'произошла непредвиденная ошибка',
    kk: () => 'күтпеген қате орын алды',
    ky: () => 'күтүлбөгөн ката кетти',
  },

  // One message per kind of field failure. `field` is the path relative to the body or query.
  'field.unknown': {
    en: (p: Known) => `unknown field \`${p.field}\`; the fields here are: ${p.known}`,
    ru: (p: Known) => `неизвестное поле \`${p.field}\`; здесь допустимы поля: ${p.known}`,
    kk: (p: Known) => `белгісіз өріс \`${p.field}\`; мұнда рұқсат етілген өрістер: ${p.known}`,
    ky: (p: Known) => `белгисиз талаа \`${p.field}\`; бул жерде уруксат берилген талаалар: ${p.known}`,
  },
  'field.unknown.suggest': {
    en: (p: Suggest) => `unknown field \`${p.field}\` — did you mean \`${p.suggestion}\`?`,
    ru: (p: Suggest) => `неизвестное поле \`${p.field}\` — может быть, \`${p.suggestion}\`?`,
    kk: (p: Suggest) => `белгісіз өріс \`${p.field}\` — \`${p.suggestion}\` деп жазбақ болдыңыз ба?`,
    ky: (p: Suggest) => `белгисиз талаа \`${p.field}\` — \`${p.suggestion}\` деп жазгыңыз келдиби?`,
  },
  'query.unknown': {
    en: (p: Known) => `unknown query parameter \`${p.field}\`; this route takes: ${p.known}`,
    ru: (p: Known) => `неизвестный параметр запроса \`${p.field}\`; этот адрес принимает: ${p.known}`,
    kk: (p: Known) => `белгісіз сұрау параметрі \`${p.field}\`; бұл мекенжай қабылдайды: ${p.known}`,
    ky: (p: Known) => `белгисиз суроо параметри \`${p.field}\`; бул дарек кабыл алат: ${p.known}`,
  },
  'query.unknown.suggest': {
    en: (p: Suggest) => `unknown query parameter \`${p.field}\` — did you mean \`${p.suggestion}\`?`,
    ru: (p: Suggest) => `неизвестный параметр запроса \`${p.field}\` — может быть, \`${p.suggestion}\`?`,
    kk: (p: Suggest) => `белгісіз сұрау параметрі \`${p.field}\` — \`${p.suggestion}\` деп жазбақ болдыңыз ба?`,
    ky: (p: Suggest) => `белгисиз суроо параметри \`${p.field}\` — \`${p.suggestion}\` деп жазгыңыз келдиби?`,
  },
  'field.missing': {
    en: (p: { field: string; expected: string }) => `missing required field \`${p.field}\`: send ${p.expected}`,
    ru: (p: { field: string; expected: string }) =>
      `нет обязательного поля \`${p.field}\`: передайте его (${p.expected})`,
    kk: (p: { field: string; expected: string }) => `міндетті \`${p.field}\` өрісі жоқ: оны жіберіңіз (${p.expected})`,
    ky: (p: { field: string; expected: string }) =>
      `милдеттүү \`${p.field}\` талаасы жок: аны жөнөтүңүз (${p.expected})`,
  },
  'field.identifierNumber': {
    en: (p: Field) =>
      `\`${p.field}\`: identifiers must be JSON strings — numbers lose leading zeros; put the digits in quotes, e.g. "061211600012"`,
    ru: (p: Field) =>
      `\`${p.field}\`: идентификатор передаётся строкой JSON — у числа теряются ведущие нули; возьмите цифры в кавычки, например "061211600012"`,
    kk: (p: Field) =>
      `\`${p.field}\`: сәйкестендіргіш JSON жолы ретінде жіберіледі — санда алдыңғы нөлдер жоғалады; цифрларды тырнақшаға алыңыз, мысалы "061211600012"`,
    ky: (p: Field) =>
      `\`${p.field}\`: идентификатор JSON сабы катары жөнөтүлөт — санда алдыңкы нөлдөр жоголот; цифраларды тырмакчага алыңыз, мисалы "061211600012"`,
  },
  'field.type': {
    en: (p: Expect) => `\`${p.field}\`: expected ${p.expected}, got ${p.got}`,
    ru: (p: Expect) => `\`${p.field}\`: ожидается ${p.expected}, передано: ${p.got}`,
    kk: (p: Expect) => `\`${p.field}\`: ${p.expected} күтіледі, жіберілгені: ${p.got}`,
    ky: (p: Expect) => `\`${p.field}\`: ${p.expected} күтүлөт, жөнөтүлгөнү: ${p.got}`,
  },
  'field.int': {
    en: (p: FieldValue) => `\`${p.field}\` must be a whole number, got ${p.value}`,
    ru: (p: FieldValue) => `\`${p.field}\` должно быть целым числом, передано: ${p.value}`,
    kk: (p: FieldValue) => `\`${p.field}\` бүтін сан болуы керек, жіберілгені: ${p.value}`,
    ky: (p: FieldValue) => `\`${p.field}\` бүтүн сан болушу керек, жөнөтүлгөнү: ${p.value}`,
  },
  'field.body': {
    en: (p: { got: string }) => `the request body must be a JSON object {…}, got ${p.got}`,
    ru: (p: { got: string }) => `тело запроса должно быть объектом JSON {…}, передано: ${p.got}`,
    kk: (p: { got: string }) => `сұрау денесі JSON объектісі {…} болуы керек, жіберілгені: ${p.got}`,
    ky: (p: { got: string }) => `суроонун денеси JSON объекти {…} болушу керек, жөнөтүлгөнү: ${p.got}`,
  },
  'field.date.time': {
    en: (p: FieldValue) =>
      `\`${p.field}\`: a calendar date YYYY-MM-DD without a time is expected — send "${p.value}" without the time part`,
    ru: (p: FieldValue) =>
      `\`${p.field}\`: нужна календарная дата YYYY-MM-DD без времени — передайте "${p.value}" без части со временем`,
    kk: (p: FieldValue) =>
      `\`${p.field}\`: уақытсыз YYYY-MM-DD күнтізбелік күні керек — "${p.value}" мәнін уақыт бөлігінсіз жіберіңіз`,
    ky: (p: FieldValue) =>
      `\`${p.field}\`: убакытсыз YYYY-MM-DD календардык датасы керек — "${p.value}" маанисин убакыт бөлүгүсүз жөнөтүңүз`,
  },
  'field.date.dayFirst': {
    en: (p: FieldValue) =>
      `\`${p.field}\`: a calendar date YYYY-MM-DD is expected, not day.month.year — send "${p.value}"`,
    ru: (p: FieldValue) =>
      `\`${p.field}\`: нужна календарная дата YYYY-MM-DD, а не день.месяц.год — передайте "${p.value}"`,
    kk: (p: FieldValue) =>
      `\`${p.field}\`: күн.ай.жыл емес, YYYY-MM-DD күнтізбелік күні керек — "${p.value}" жіберіңіз`,
    ky: (p: FieldValue) =>
      `\`${p.field}\`: күн.ай.жыл эмес, YYYY-MM-DD календардык датасы керек — "${p.value}" жөнөтүңүз`,
  },
  'field.date.nonexistent': {
    en: (p: Field) => `\`${p.field}\`: no such calendar date — check the day and the month`,
    ru: (p: Field) => `\`${p.field}\`: такой даты нет в календаре — проверьте день и месяц`,
    kk: (p: Field) => `\`${p.field}\`: күнтізбеде мұндай күн жоқ — күн мен айды тексеріңіз`,
    ky: (p: Field) => `\`${p.field}\`: календарда мындай дата жок — күндү жана айды текшериңиз`,
  },
  'field.date.format': {
    en: (p: Field) => `\`${p.field}\`: a calendar date YYYY-MM-DD without a time is expected, e.g. "2026-03-10"`,
    ru: (p: Field) => `\`${p.field}\`: нужна календарная дата YYYY-MM-DD без времени, например "2026-03-10"`,
    kk: (p: Field) => `\`${p.field}\`: уақытсыз YYYY-MM-DD күнтізбелік күні керек, мысалы "2026-03-10"`,
    ky: (p: Field) => `\`${p.field}\`: убакытсыз YYYY-MM-DD календардык датасы керек, мисалы "2026-03-10"`,
  },
  'field.date.range': {
    en: (p: { field: string; min: string; max: string }) => `\`${p.field}\`: dates must be from ${p.min} to ${p.max}`,
    ru: (p: { field: string; min: string; max: string }) =>
      `\`${p.field}\`: дата должна быть в пределах от ${p.min} до ${p.max}`,
    kk: (p: { field: string; min: string; max: string }) =>
      `\`${p.field}\`: күн ${p.min} мен ${p.max} аралығында болуы керек`,
    ky: (p: { field: string; min: string; max: string }) =>
      `\`${p.field}\`: дата ${p.min} менен ${p.max} аралыгында болушу керек`,
  },
  'field.money': {
    en: (p: Field) =>
      `\`${p.field}\`: write an amount as a number or a decimal string like "1000.50"; no spaces or comma decimals`,
    ru: (p: Field) =>
      `\`${p.field}\`: сумма пишется числом или десятичной строкой вида "1000.50"; без пробелов и без запятой вместо точки`,
    kk: (p: Field) =>
      `\`${p.field}\`: сома сан немесе "1000.50" түріндегі ондық жол ретінде жазылады; бос орынсыз, нүктенің орнына үтірсіз`,
    ky: (p: Field) =>
      `\`${p.field}\`: сумма сан же "1000.50" түрүндөгү ондук сап катары жазылат; боштуксуз, чекиттин ордуна үтүрсүз`,
  },
  'field.money.suggest': {
    en: (p: Suggest) =>
      `\`${p.field}\`: write an amount as a number or a decimal string like "1000.50"; no spaces or comma decimals — did you mean "${p.suggestion}"?`,
    ru: (p: Suggest) =>
      `\`${p.field}\`: сумма пишется числом или десятичной строкой вида "1000.50"; без пробелов и без запятой вместо точки — может быть, "${p.suggestion}"?`,
    kk: (p: Suggest) =>
      `\`${p.field}\`: сома сан немесе "1000.50" түріндегі ондық жол ретінде жазылады; бос орынсыз, нүктенің орнына үтірсіз — "${p.suggestion}" болуы мүмкін бе?`,
    ky: (p: Suggest) =>
      `\`${p.field}\`: сумма сан же "1000.50" түрүндөгү ондук сап катары жазылат; боштуксуз, чекиттин ордуна үтүрсүз — "${p.suggestion}" болушу мүмкүнбү?`,
  },
  'field.enum': {
    en: (p: Choice) => `\`${p.field}\` must be one of ${p.values} (any letter case)`,
    ru: (p: Choice) => `\`${p.field}\` должно быть одним из значений: ${p.values} (регистр букв не важен)`,
    kk: (p: Choice) => `\`${p.field}\` мына мәндердің бірі болуы керек: ${p.values} (әріп регистрі маңызды емес)`,
    ky: (p: Choice) => `\`${p.field}\` бул маанилердин бири болушу керек: ${p.values} (тамга регистри маанилүү эмес)`,
  },
  'field.enum.suggest': {
    en: (p: Choice & { suggestion: string }) =>
      `\`${p.field}\` must be one of ${p.values} (any letter case) — did you mean "${p.suggestion}"?`,
    ru: (p: Choice & { suggestion: string }) =>
      `\`${p.field}\` должно быть одним из значений: ${p.values} (регистр букв не важен) — может быть, "${p.suggestion}"?`,
    kk: (p: Choice & { suggestion: string }) =>
      `\`${p.field}\` мына мәндердің бірі болуы керек: ${p.values} (әріп регистрі маңызды емес) — "${p.suggestion}" деп жазбақ болдыңыз ба?`,
    ky: (p: Choice & { suggestion: string }) =>
      `\`${p.field}\` бул маанилердин бири болушу керек: ${p.values} (тамга регистри маанилүү эмес) — "${p.suggestion}" деп жазгыңыз келдиби?`,
  },
  'field.isoCountry': {
    en: (p: Field) => `\`${p.field}\`: not an ISO 3166 alpha-2 country code (e.g. GB, not UK)`,
    ru: (p: Field) => `\`${p.field}\`: это не код страны ISO 3166 alpha-2 (например, GB, а не UK)`,
    kk: (p: Field) => `\`${p.field}\`: бұл ISO 3166 alpha-2 ел коды емес (мысалы, UK емес, GB)`,
    ky: (p: Field) => `\`${p.field}\`: бул ISO 3166 alpha-2 өлкө коду эмес (мисалы, UK эмес, GB)`,
  },
  'field.empty': {
    en: (p: Field) => `\`${p.field}\` must not be empty`,
    ru: (p: Field) => `поле \`${p.field}\` не должно быть пустым`,
    kk: (p: Field) => `\`${p.field}\` өрісі бос болмауы керек`,
    ky: (p: Field) => `\`${p.field}\` талаасы бош болбошу керек`,
  },
  'field.string.max': {
    en: (p: Limit) => `\`${p.field}\` is too long: at most ${p.limit} characters`,
    ru: (p: Limit) => `поле \`${p.field}\` слишком длинное: не более ${p.limit} символов`,
    kk: (p: Limit) => `\`${p.field}\` өрісі тым ұзын: ең көбі ${p.limit} таңба`,
    ky: (p: Limit) => `\`${p.field}\` талаасы өтө узун: эң көп ${p.limit} белги`,
  },
  'field.number.min': {
    en: (p: Limit) => `\`${p.field}\` must be at least ${p.limit}`,
    ru: (p: Limit) => `поле \`${p.field}\` должно быть не меньше ${p.limit}`,
    kk: (p: Limit) => `\`${p.field}\` кемінде ${p.limit} болуы керек`,
    ky: (p: Limit) => `\`${p.field}\` жок дегенде ${p.limit} болушу керек`,
  },
  'field.number.max': {
    en: (p: Limit) => `\`${p.field}\` must be at most ${p.limit}`,
    ru: (p: Limit) => `поле \`${p.field}\` должно быть не больше ${p.limit}`,
    kk: (p: Limit) => `\`${p.field}\` ең көбі ${p.limit} болуы керек`,
    ky: (p: Limit) => `\`${p.field}\` эң көп ${p.limit} болушу керек`,
  },
  'field.array.min': {
    en: (p: Limit) => `\`${p.field}\` needs at least ${p.limit} item(s)`,
    ru: (p: Limit) => `в \`${p.field}\` нужно не меньше ${p.limit} элемент(ов)`,
    kk: (p: Limit) => `\`${p.field}\` ішінде кемінде ${p.limit} элемент болуы керек`,
    ky: (p: Limit) => `\`${p.field}\` ичинде жок дегенде ${p.limit} элемент болушу керек`,
  },
  'field.array.max': {
    en: (p: Limit & { count: number }) =>
      `\`${p.field}\` has ${p.count} items; at most ${p.limit} are allowed in one request — split it into several requests`,
    ru: (p: Limit & { count: number }) =>
      `в \`${p.field}\` ${p.count} элементов; в одном запросе допускается не более ${p.limit} — разбейте его на несколько запросов`,
    kk: (p: Limit & { count: number }) =>
      `\`${p.field}\` ішінде ${p.count} элемент; бір сұрауда ең көбі ${p.limit} болады — оны бірнеше сұрауға бөліңіз`,
    ky: (p: Limit & { count: number }) =>
      `\`${p.field}\` ичинде ${p.count} элемент; бир суроодо эң көп ${p.limit} болот — аны бир нече суроого бөлүңүз`,
  },
  'field.fromAfterTo': {
    en: () => '"from" must not be after "to"',
    ru: () => 'дата "from" не должна быть позже даты "to"',
    kk: () => '"from" күні "to" күнінен кейін болмауы керек',
    ky: () => '"from" датасы "to" датасынан кийин болбошу керек',
  },
  'field.union': {
    en: (p: Field) => `\`${p.field}\` has none of the accepted forms; see the API reference for this field`,
    ru: (p: Field) => `поле \`${p.field}\` не подходит ни под одну допустимую форму; см. описание этого поля в API`,
    kk: (p: Field) => `\`${p.field}\` өрісі рұқсат етілген пішіндердің ешқайсысына сай емес; API сипаттамасын қараңыз`,
    ky: (p: Field) =>
      `\`${p.field}\` талаасы уруксат берилген формалардын бирине да туура келбейт; API сүрөттөмөсүн караңыз`,
  },
  'field.other': {
    en: (p: { field: string; reason: string }) => `\`${p.field}\` is invalid: ${p.reason}`,
    ru: (p: { field: string; reason: string }) => `поле \`${p.field}\` некорректно: ${p.reason}`,
    kk: (p: { field: string; reason: string }) => `\`${p.field}\` өрісі қате: ${p.reason}`,
    ky: (p: { field: string; reason: string }) => `\`${p.field}\` талаасы туура эмес: ${p.reason}`,
  },

  // What a field expects / what was sent, as noun phrases for `field.type` and `field.missing`.
  'kind.string': { en: () => 'a string', ru: () => 'строка', kk: () => 'мәтін жолы', ky: () => 'текст сабы' },
  'kind.number': { en: () => 'a number', ru: () => 'число', kk: () => 'сан (цифрмен)', ky: () => 'сан (цифра менен)' },
  'kind.int': { en: () => 'a whole number', ru: () => 'целое число', kk: () => 'бүтін сан', ky: () => 'бүтүн сан' },
  'kind.boolean': {
    en: () => 'true or false',
    ru: () => 'true или false (логическое значение)',
    kk: () => 'true немесе false (логикалық мән)',
    ky: () => 'true же false (логикалык маани)',
  },
  'kind.array': {
    en: () => 'an array […]',
    ru: () => 'массив […]',
    kk: () => 'массив (тізім) […]',
    ky: () => 'массив (тизме) […]',
  },
  'kind.object': {
    en: () => 'an object {…}',
    ru: () => 'объект {…}',
    kk: () => 'объект (нысан) {…}',
    ky: () => 'объект (нерсе) {…}',
  },
  'kind.null': {
    en: () => 'null',
    ru: () => 'пустое значение null',
    kk: () => 'бос мән null',
    ky: () => 'бош маани null',
  },
  'kind.identifier': {
    en: () => 'the identifier as a string of digits in quotes',
    ru: () => 'идентификатор строкой цифр в кавычках',
    kk: () => 'сәйкестендіргішті тырнақшадағы цифрлар жолы ретінде',
    ky: () => 'идентификаторду тырмакчадагы цифралар сабы катары',
  },
  'kind.date': {
    en: () => 'a date "YYYY-MM-DD"',
    ru: () => 'дата "YYYY-MM-DD"',
    kk: () => '"YYYY-MM-DD" күні',
    ky: () => '"YYYY-MM-DD" датасы',
  },
  'kind.money': {
    en: () => 'an amount, e.g. 1000.50 or "1000.50"',
    ru: () => 'сумма, например 1000.50 или "1000.50"',
    kk: () => 'сома, мысалы 1000.50 немесе "1000.50"',
    ky: () => 'сумма, мисалы 1000.50 же "1000.50"',
  },
  'kind.oneOf': {
    en: (p: { values: string }) => `one of ${p.values}`,
    ru: (p: { values: string }) => `одно из значений ${p.values}`,
    kk: (p: { values: string }) => `мына мәндердің бірі: ${p.values}`,
    ky: (p: { values: string }) => `бул маанилердин бири: ${p.values}`,
  },
} as const;
