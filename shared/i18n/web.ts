/**
 * The web page's own texts (navigation, forms, summaries), keyed `web.<page>.<what>`. Texts shared with the
 * library, CLI and API (identifier errors, ESF findings) stay in their own modules; the page formats those too.
 * Russian is the page's first language: its judges and most of its users read it.
 */

/** English, Russian, Kazakh and Kyrgyz, in that order. */
type Texts = readonly [en: string, ru: string, kk: string, ky: string];

/** An entry without parameters. */
const text = ([en, ru, kk, ky]: Texts) => ({ en: () => en, ru: () => ru, kk: () => kk, ky: () => ky });

export const WEB_MESSAGES = {
  'web.title': text([
    'Salyk: IIN/BIN, ESF and VAT checks',
    'Salyk: проверка ИИН/БИН, ЭСФ и НДС',
    'Salyk: ЖСН/БСН, ЭШФ және ҚҚС тексеру',
    'Salyk: ИНН/ПИН, ЭСФ жана КНС текшерүү',
  ]),
  'web.tagline': text([
    'Kazakh IIN/BIN and Kyrgyz INN/PIN, electronic invoices, VAT and residency — checked offline, in your browser.',
    'Казахстанские ИИН/БИН и кыргызские ИНН/ПИН, ЭСФ, НДС и резидентство — проверка прямо в браузере, без отправки данных.',
    'Қазақстандық ЖСН/БСН мен қырғыздық ИНН/ПИН, ЭШФ, ҚҚС және резиденттік — деректерді жібермей, браузерде тексеру.',
    'Казакстандык ЖСН/БСН жана кыргыздык ИНН/ПИН, ЭСФ, КНС жана резиденттик — маалыматты жөнөтпөй, браузерде текшерүү.',
  ]),
  'web.nav.label': text(['Pages', 'Разделы', 'Бөлімдер', 'Бөлүмдөр']),
  'web.nav.suppliers': text(['Supplier list', 'Список поставщиков', 'Жеткізушілер тізімі', 'Жеткирүүчүлөрдүн тизмеси']),
  'web.nav.check': text(['Check numbers', 'Проверить номера', 'Нөмірлерді тексеру', 'Номерлерди текшерүү']),
  'web.nav.esf': text(['ESF pre-check', 'Проверка ЭСФ', 'ЭШФ тексеру', 'ЭСФ текшерүү']),
  'web.nav.vat': text(['VAT', 'НДС', 'ҚҚС', 'КНС']),
  'web.nav.residency': text(['Residency', 'Резидентство', 'Резиденттік', 'Резиденттик']),
  'web.lang.label': text(['Language', 'Язык', 'Тіл', 'Тил']),
  'web.footer': {
    en: (p: { version: string }) => `Rules ${p.version}. Not tax advice: check the cited articles.`,
    ru: (p: { version: string }) =>
      `Правила ${p.version}. Это не налоговая консультация: сверяйтесь с указанными статьями.`,
    kk: (p: { version: string }) => `Ережелер ${p.version}. Бұл салық кеңесі емес: көрсетілген баптарды тексеріңіз.`,
    ky: (p: { version: string }) => `Эрежелер ${p.version}. Бул салык кеңеши эмес: көрсөтүлгөн беренелерди текшериңиз.`,
  },
  'web.submit': text(['Check', 'Проверить', 'Тексеру', 'Текшерүү']),
  'web.reasons': text(['Why', 'Почему', 'Неліктен', 'Эмне үчүн']),
  'web.citation': text(['Source', 'Источник', 'Дереккөз', 'Булак']),
  'web.confidence.confirmed': text(['confirmed', 'подтверждено', 'расталған', 'тастыкталган']),
  'web.confidence.secondary': text(['secondary source', 'вторичный источник', 'қосымша дереккөз', 'кошумча булак']),
  'web.confidence.seed_only': text(['unverified', 'не проверено', 'тексерілмеген', 'текшерилген эмес']),
  'web.confidence.contested': text(['contested', 'спорно', 'даулы', 'талаштуу']),
  'web.country.KZ': text(['Kazakhstan', 'Казахстан', 'Қазақстан', 'Казакстан']),
  'web.country.KG': text(['Kyrgyzstan', 'Кыргызстан', 'Қырғызстан', 'Кыргыз Республикасы']),
  'web.country.auto': text([
    'by length (12 digits KZ, 14 KG)',
    'по длине (12 цифр — KZ, 14 — KG)',
    'ұзындығы бойынша (12 цифр — KZ, 14 — KG)',
    'узундугу боюнча (12 цифра — KZ, 14 — KG)',
  ]),
  'web.country': text(['Country', 'Страна', 'Мемлекет', 'Өлкө']),
  'web.error': {
    en: (p: { message: string }) => `Cannot check: ${p.message}`,
    ru: (p: { message: string }) => `Проверка невозможна: ${p.message}`,
    kk: (p: { message: string }) => `Тексеру мүмкін емес: ${p.message}`,
    ky: (p: { message: string }) => `Текшерүү мүмкүн эмес: ${p.message}`,
  },

  // Supplier list
  'web.sup.privacy': text([
    'Your file never leaves this computer: it is read and checked here, in this browser tab. Nothing is uploaded.',
    'Файл не покидает ваш компьютер: он читается и проверяется здесь, в этой вкладке браузера. Ничего никуда не отправляется.',
    'Файл компьютеріңізден шықпайды: ол осы жерде, браузердің осы қойындысында оқылып, тексеріледі. Ештеңе жіберілмейді.',
    'Файл компьютериңизден чыкпайт: ал ушул жерде, браузердин ушул өтмөгүндө окулуп, текшерилет. Эч нерсе жөнөтүлбөйт.',
  ]),
  'web.sup.drop': text([
    'Drop a CSV or XLSX supplier list here',
    'Перетащите сюда список поставщиков в CSV или XLSX',
    'Жеткізушілер тізімін (CSV немесе XLSX) осында тастаңыз',
    'Жеткирүүчүлөрдүн тизмесин (CSV же XLSX) бул жерге таштаңыз',
  ]),
  'web.sup.choose': text(['Choose a file', 'Выбрать файл', 'Файлды таңдау', 'Файл тандоо']),
  'web.sup.fix': text([
    'Fix lost leading zeros',
    'Восстановить потерянные ведущие нули',
    'Жоғалған бастапқы нөлдерді қалпына келтіру',
    'Жоголгон баштапкы нөлдөрдү калыбына келтирүү',
  ]),
  'web.sup.fixHint': text([
    'Excel drops the zeros at the start of numbers such as 061211600012. When padding gives a valid number, it is written in the checked file.',
    'Excel удаляет нули в начале номеров вроде 061211600012. Если номер с нулями корректен, он записывается в проверенный файл.',
    'Excel 061211600012 сияқты нөмірлердің басындағы нөлдерді өшіреді. Нөлмен толықтырылған нөмір дұрыс болса, ол тексерілген файлға жазылады.',
    'Excel 061211600012 сыяктуу номерлердин башындагы нөлдөрдү өчүрөт. Нөл кошулган номер туура болсо, ал текшерилген файлга жазылат.',
  ]),
  'web.sup.reading': {
    en: (p: { name: string }) => `Checking ${p.name}…`,
    ru: (p: { name: string }) => `Проверяется ${p.name}…`,
    kk: (p: { name: string }) => `${p.name} тексерілуде…`,
    ky: (p: { name: string }) => `${p.name} текшерилүүдө…`,
  },
  'web.sup.progress': text(['Progress', 'Ход проверки', 'Тексеру барысы', 'Текшерүүнүн жүрүшү']),
  'web.sup.summary': text(['Summary', 'Итоги', 'Қорытынды', 'Жыйынтык']),
  'web.sup.rows': text(['Rows read', 'Прочитано строк', 'Оқылған жолдар', 'Окулган саптар']),
  'web.sup.valid': text(['Valid', 'Корректные', 'Дұрыс', 'Туура']),
  'web.sup.invalid': text(['With errors', 'С ошибками', 'Қатесі бар', 'Катасы бар']),
  'web.sup.warnings': text(['With warnings', 'С предупреждениями', 'Ескертуі бар', 'Эскертүүсү бар']),
  'web.sup.fixed': text([
    'Zeros restored',
    'Восстановлено нулей',
    'Нөлдер қалпына келтірілді',
    'Нөлдөр калыбына келди',
  ]),
  'web.sup.malformed': text(['Broken rows', 'Повреждённые строки', 'Бүлінген жолдар', 'Бузулган саптар']),
  'web.sup.blank': text([
    'Blank rows skipped',
    'Пустые строки (пропущены)',
    'Бос жолдар (өткізілді)',
    'Бош саптар (өткөрүлдү)',
  ]),
  'web.sup.meta': {
    en: (p: { column: string; encoding: string; delimiter: string; seconds: string }) =>
      `TIN column “${p.column}”, ${p.encoding}, separator ${p.delimiter}, ${p.seconds} s`,
    ru: (p: { column: string; encoding: string; delimiter: string; seconds: string }) =>
      `Столбец ИИН/БИН «${p.column}», кодировка ${p.encoding}, разделитель ${p.delimiter}, ${p.seconds} с`,
    kk: (p: { column: string; encoding: string; delimiter: string; seconds: string }) =>
      `ЖСН/БСН бағаны «${p.column}», кодтау ${p.encoding}, бөлгіш ${p.delimiter}, ${p.seconds} с`,
    ky: (p: { column: string; encoding: string; delimiter: string; seconds: string }) =>
      `ИНН/ПИН мамычасы «${p.column}», коддоо ${p.encoding}, бөлгүч ${p.delimiter}, ${p.seconds} сек`,
  },
  'web.sup.chart': text(['Problems by code', 'Ошибки по кодам', 'Қателер кодтар бойынша', 'Каталар коддор боюнча']),
  'web.sup.none': text(['No problems found.', 'Ошибок не найдено.', 'Қателер табылмады.', 'Каталар табылган жок.']),
  'web.sup.filter': text(['Show', 'Показать', 'Көрсету', 'Көрсөтүү']),
  'web.sup.allCodes': text(['all problems', 'все ошибки', 'барлық қателер', 'бардык каталар']),
  'web.sup.problemRows': text(['Rows with problems', 'Строки с ошибками', 'Қатесі бар жолдар', 'Катасы бар саптар']),
  'web.sup.col.line': text(['Line', 'Строка', 'Жол', 'Сап']),
  'web.sup.col.value': text(['Value', 'Значение', 'Мәні', 'Мааниси']),
  'web.sup.col.codes': text(['Codes', 'Коды', 'Кодтар', 'Коддор']),
  'web.sup.col.message': text(['What is wrong', 'Что не так', 'Не дұрыс емес', 'Эмне туура эмес']),
  'web.sup.col.suggestion': text(['Suggestion', 'Предложение', 'Ұсыныс', 'Сунуш']),
  'web.sup.downloadCsv': text([
    'Download checked CSV',
    'Скачать проверенный CSV',
    'Тексерілген CSV жүктеу',
    'Текшерилген CSV жүктөө',
  ]),
  'web.sup.downloadXlsx': text([
    'Download checked XLSX',
    'Скачать проверенный XLSX',
    'Тексерілген XLSX жүктеу',
    'Текшерилген XLSX жүктөө',
  ]),
  'web.job.title': text([
    'Check on the Salyk server instead',
    'Проверить на сервере Salyk',
    'Оның орнына Salyk серверінде тексеру',
    'Анын ордуна Salyk серверинде текшерүү',
  ]),
  'web.job.about': text([
    'A bulk job checks the list on the Salyk server, writes an audit record for every row and makes the same checked file.',
    'Пакетное задание проверяет список на сервере Salyk, записывает аудит по каждой строке и готовит такой же проверенный файл.',
    'Пакеттік тапсырма тізімді Salyk серверінде тексеріп, әр жолға аудит жазбасын жазады және дәл сондай тексерілген файл дайындайды.',
    'Пакеттик тапшырма тизмени Salyk серверинде текшерип, ар бир сапка аудит жазуусун жазат жана так ошондой текшерилген файл даярдайт.',
  ]),
  'web.job.large': {
    en: (p: { size: string }) =>
      `This file is ${p.size}: checked here, the tab would also hold the checked copy in memory. A job on the Salyk server is recommended.`,
    ru: (p: { size: string }) =>
      `Размер файла ${p.size}: при проверке здесь вкладка держит в памяти и проверенную копию. Рекомендуется задание на сервере Salyk.`,
    kk: (p: { size: string }) =>
      `Файл көлемі ${p.size}: осы жерде тексергенде қойынды тексерілген көшірмені де жадта ұстайды. Salyk серверіндегі тапсырма ұсынылады.`,
    ky: (p: { size: string }) =>
      `Файлдын көлөмү ${p.size}: бул жерде текшерилгенде өтмөк текшерилген көчүрмөнү да эсинде кармайт. Salyk серверинде тапшырма сунушталат.`,
  },
  'web.job.consent': {
    en: (p: { days: number }) =>
      `The file is uploaded to the Salyk server. The checked file is kept for ${p.days} days, then deleted.`,
    ru: (p: { days: number }) =>
      `Файл будет загружен на сервер Salyk. Проверенный файл хранится ${p.days} дней, затем удаляется.`,
    kk: (p: { days: number }) =>
      `Файл Salyk серверіне жүктеледі. Тексерілген файл ${p.days} күн сақталады, содан кейін жойылады.`,
    ky: (p: { days: number }) =>
      `Файл Salyk серверине жүктөлөт. Текшерилген файл ${p.days} күн сакталат, андан кийин өчүрүлөт.`,
  },
  'web.job.key': text(['API key', 'API-ключ', 'API кілті', 'API ачкычы']),
  'web.job.start': text(['Start the job', 'Запустить задание', 'Тапсырманы бастау', 'Тапшырманы баштоо']),
  'web.job.here': text([
    'Check here, in the browser',
    'Проверить здесь, в браузере',
    'Осы жерде, браузерде тексеру',
    'Ушул жерде, браузерде текшерүү',
  ]),
  'web.job.cancel': text(['Cancel the job', 'Отменить задание', 'Тапсырманы тоқтату', 'Тапшырманы жокко чыгаруу']),
  'web.job.state.waiting_for_upload': text([
    'Uploading the file…',
    'Файл загружается…',
    'Файл жүктелуде…',
    'Файл жүктөлүүдө…',
  ]),
  'web.job.state.running': text([
    'Checking on the server…',
    'Проверка на сервере…',
    'Серверде тексерілуде…',
    'Серверде текшерилүүдө…',
  ]),
  'web.job.state.succeeded': text(['Job done', 'Задание выполнено', 'Тапсырма орындалды', 'Тапшырма аткарылды']),
  'web.job.state.failed': text([
    'Job failed',
    'Задание не выполнено',
    'Тапсырма орындалмады',
    'Тапшырма аткарылган жок',
  ]),
  'web.job.state.cancelled': text([
    'Job cancelled',
    'Задание отменено',
    'Тапсырма тоқтатылды',
    'Тапшырма жокко чыгарылды',
  ]),
  'web.job.rows': {
    en: (p: { done: string; total: string }) => `${p.done} of ${p.total} rows`,
    ru: (p: { done: string; total: string }) => `${p.done} из ${p.total} строк`,
    kk: (p: { done: string; total: string }) => `${p.total} жолдың ${p.done}`,
    ky: (p: { done: string; total: string }) => `${p.total} саптын ${p.done}`,
  },
  'web.job.download': text([
    'Download the checked file',
    'Скачать проверенный файл',
    'Тексерілген файлды жүктеу',
    'Текшерилген файлды жүктөө',
  ]),
  'web.job.summaryLink': text(['Summary (JSON)', 'Итоги (JSON)', 'Қорытынды (JSON)', 'Жыйынтык (JSON)']),
  'web.sup.err.empty': text([
    'the file is empty: expected a header row with a TIN column',
    'файл пуст: нужна строка заголовков со столбцом ИИН/БИН',
    'файл бос: ЖСН/БСН бағаны бар тақырып жолы керек',
    'файл бош: ИНН/ПИН мамычасы бар баш сап керек',
  ]),
  'web.sup.err.noColumn': {
    en: (p: { header: string }) =>
      `no TIN column: use a header such as tin, inn, iin, bin, ИНН, ИИН, БИН, ПИН (header: ${p.header})`,
    ru: (p: { header: string }) =>
      `не найден столбец ИИН/БИН: назовите его, например, ИИН, БИН, ИНН, ПИН или tin (заголовок: ${p.header})`,
    kk: (p: { header: string }) =>
      `ЖСН/БСН бағаны табылмады: оны ИИН, БИН, ИНН, ПИН немесе tin деп атаңыз (тақырып: ${p.header})`,
    ky: (p: { header: string }) =>
      `ИНН/ПИН мамычасы табылган жок: аны ИНН, ПИН, ИИН, БИН же tin деп атаңыз (баш сап: ${p.header})`,
  },
  'web.sup.err.xls': text([
    'old binary Excel (.xls) cannot be read: save the list as .xlsx or .csv',
    'старый формат Excel (.xls) не читается: сохраните список как .xlsx или .csv',
    'ескі Excel пішімі (.xls) оқылмайды: тізімді .xlsx немесе .csv ретінде сақтаңыз',
    'эски Excel форматы (.xls) окулбайт: тизмени .xlsx же .csv катары сактаңыз',
  ]),
  'web.sup.err.workbook': text([
    'this workbook cannot be read (no sheet found)',
    'книгу Excel не удалось прочитать (лист не найден)',
    'Excel кітабын оқу мүмкін болмады (парақ табылмады)',
    'Excel китебин окуу мүмкүн болгон жок (барак табылган жок)',
  ]),

  // Check
  'web.check.title': text([
    'Check IIN/BIN and INN/PIN',
    'Проверка ИИН/БИН и ИНН/ПИН',
    'ЖСН/БСН және ИНН/ПИН тексеру',
    'ИНН/ПИН жана ЖСН/БСН текшерүү',
  ]),
  'web.check.input': text([
    'Numbers, one per line (paste a column from Excel)',
    'Номера, по одному в строке (можно вставить столбец из Excel)',
    'Нөмірлер, әр жолға біреуден (Excel бағанын қоюға болады)',
    'Номерлер, ар бир сапка бирден (Excel мамычасын коюуга болот)',
  ]),
  'web.check.valid': text(['valid', 'корректный', 'дұрыс', 'туура']),
  'web.check.invalid': text(['invalid', 'ошибка', 'қате', 'ката']),
  'web.check.kind': text(['Kind', 'Вид', 'Түрі', 'Түрү']),
  'web.check.kind.IIN': text([
    'IIN (individual, KZ)',
    'ИИН (физическое лицо, KZ)',
    'ЖСН (жеке тұлға, KZ)',
    'ЖСН (жеке адам, KZ)',
  ]),
  'web.check.kind.BIN': text([
    'BIN (business, KZ)',
    'БИН (юридическое лицо, KZ)',
    'БСН (заңды тұлға, KZ)',
    'БСН (юридикалык жак, KZ)',
  ]),
  'web.check.kind.INN': text(['INN (organisation, KG)', 'ИНН (организация, KG)', 'ИНН (ұйым, KG)', 'ИНН (уюм, KG)']),
  'web.check.kind.PIN': text([
    'PIN (person, KG)',
    'ПИН (физическое лицо, KG)',
    'ПИН (жеке тұлға, KG)',
    'ПИН (жеке адам, KG)',
  ]),
  'web.check.birthDate': text(['Born', 'Дата рождения', 'Туған күні', 'Туулган күнү']),
  'web.check.registered': text(['Registered', 'Регистрация', 'Тіркелген', 'Катталган']),
  'web.check.entity': text(['Entity', 'Тип', 'Түрі', 'Түрү']),
  'web.check.suggestion': {
    en: (p: { value: string }) => `Did you mean ${p.value}? (leading zero lost)`,
    ru: (p: { value: string }) => `Возможно, ${p.value}? (потерян ведущий ноль)`,
    kk: (p: { value: string }) => `Мүмкін, ${p.value}? (бастапқы нөл жоғалған)`,
    ky: (p: { value: string }) => `Балким, ${p.value}? (баштапкы нөл жоголгон)`,
  },

  // ESF
  'web.esf.title': text([
    'ESF (electronic invoice) pre-check',
    'Предварительная проверка ЭСФ',
    'ЭШФ алдын ала тексеру',
    'ЭСФ алдын ала текшерүү',
  ]),
  'web.esf.form': text(['Form', 'Форма', 'Нысан', 'Толтуруу формасы']),
  'web.esf.json': text(['JSON body', 'JSON-запрос', 'JSON сұрау', 'JSON суроо']),
  'web.esf.jsonHint': text([
    'The body of POST /v1/esf/precheck',
    'Тело запроса POST /v1/esf/precheck',
    'POST /v1/esf/precheck сұрауының денесі',
    'POST /v1/esf/precheck суроосунун денеси',
  ]),
  'web.esf.jsonError': {
    en: (p: { message: string }) => `Not valid JSON: ${p.message}`,
    ru: (p: { message: string }) => `Некорректный JSON: ${p.message}`,
    kk: (p: { message: string }) => `JSON қате: ${p.message}`,
    ky: (p: { message: string }) => `JSON туура эмес: ${p.message}`,
  },
  'web.esf.supplier': text(['Supplier', 'Поставщик', 'Жеткізуші', 'Жеткирүүчү']),
  'web.esf.buyer': text(['Buyer', 'Покупатель', 'Сатып алушы', 'Сатып алуучу']),
  'web.esf.tin': text(['IIN/BIN (INN)', 'ИИН/БИН (ИНН)', 'ЖСН/БСН (ИНН)', 'ИНН/ПИН (ЖСН/БСН)']),
  'web.esf.type': text(['Type', 'Тип', 'Түрі', 'Түрү']),
  'web.esf.party.legal_entity': text(['legal entity', 'юридическое лицо', 'заңды тұлға', 'юридикалык жак']),
  'web.esf.party.individual_entrepreneur': text([
    'individual entrepreneur',
    'индивидуальный предприниматель',
    'жеке кәсіпкер',
    'жеке ишкер',
  ]),
  'web.esf.party.individual': text(['individual', 'физическое лицо', 'жеке тұлға', 'жеке адам']),
  'web.esf.party.foreign_company': text([
    'foreign company',
    'иностранная компания',
    'шетелдік компания',
    'чет өлкөлүк компания',
  ]),
  'web.esf.vatRegistered': text(['VAT-registered', 'Плательщик НДС', 'ҚҚС төлеушісі', 'КНС төлөөчү']),
  'web.esf.deliveryDate': text(['Delivery date', 'Дата поставки', 'Жеткізу күні', 'Жеткирүү күнү']),
  'web.esf.issueDate': text([
    'Issue date (empty: today)',
    'Дата выписки (пусто — сегодня)',
    'Жазылған күні (бос — бүгін)',
    'Жазылган күнү (бош — бүгүн)',
  ]),
  'web.esf.lines': text(['Lines', 'Строки', 'Жолдар', 'Саптар']),
  'web.esf.net': text(['Amount without VAT', 'Сумма без НДС', 'ҚҚС-сыз сома', 'КНСсыз сумма']),
  'web.esf.rate': text(['VAT rate, %', 'Ставка НДС, %', 'ҚҚС мөлшерлемесі, %', 'КНС ченем, %']),
  'web.esf.supplyType': text(['Supply', 'Поставка', 'Жеткізу', 'Жеткирүү']),
  'web.esf.supply.domestic': text(['domestic', 'внутренняя', 'ішкі', 'ички']),
  'web.esf.supply.export': text(['export', 'экспорт', 'экспортқа', 'экспорттоо']),
  'web.esf.supply.eaeu_export': text(['export to the EAEU', 'экспорт в ЕАЭС', 'ЕАЭО-ға экспорт', 'ЕАЭБге экспорт']),
  'web.esf.addLine': text(['Add a line', 'Добавить строку', 'Жол қосу', 'Сап кошуу']),
  'web.esf.removeLine': {
    en: (p: { n: number }) => `Remove line ${p.n}`,
    ru: (p: { n: number }) => `Удалить строку ${p.n}`,
    kk: (p: { n: number }) => `${p.n}-жолды өшіру`,
    ky: (p: { n: number }) => `${p.n}-сапты өчүрүү`,
  },
  'web.esf.submittable': text(['Can be submitted', 'Можно выписывать', 'Жазып беруге болады', 'Жазып берүүгө болот']),
  'web.esf.notSubmittable': text([
    'Will be rejected or penalised: fix the errors',
    'Будет отклонён или оштрафован: исправьте ошибки',
    'Қабылданбайды немесе айыппұл салынады: қателерді түзетіңіз',
    'Кабыл алынбайт же айып салынат: каталарды оңдоңуз',
  ]),
  'web.esf.deadline': {
    en: (p: { date: string; days: number }) =>
      p.days >= 0 ? `Issue by ${p.date}: ${p.days} day(s) left` : `Issue by ${p.date}: ${-p.days} day(s) late`,
    ru: (p: { date: string; days: number }) =>
      p.days >= 0
        ? `Выписать до ${p.date}: осталось дней — ${p.days}`
        : `Выписать до ${p.date}: просрочено дней — ${-p.days}`,
    kk: (p: { date: string; days: number }) =>
      p.days >= 0 ? `${p.date} дейін жазу: ${p.days} күн қалды` : `${p.date} дейін жазу: ${-p.days} күн кешікті`,
    ky: (p: { date: string; days: number }) =>
      p.days >= 0 ? `${p.date} чейин жазуу: ${p.days} күн калды` : `${p.date} чейин жазуу: ${-p.days} күн кечикти`,
  },
  'web.esf.findings': text(['Findings', 'Замечания', 'Ескертпелер', 'Эскертүүлөр']),
  'web.esf.severity.error': text(['error', 'ошибка', 'қате', 'ката']),
  'web.esf.severity.warning': text(['warning', 'предупреждение', 'ескерту', 'эскертүү']),

  // VAT
  'web.vat.title': text(['VAT for a sale', 'НДС по продаже', 'Сату бойынша ҚҚС', 'Сатуу боюнча КНС']),
  'web.vat.intro': text([
    'A few questions about the seller, the buyer and the supply; the answer cites every rule it used.',
    'Несколько вопросов о продавце, покупателе и поставке; в ответе указана каждая использованная норма.',
    'Сатушы, сатып алушы және жеткізу туралы бірнеше сұрақ; жауапта әр қолданылған норма көрсетіледі.',
    'Сатуучу, сатып алуучу жана жеткирүү жөнүндө бир нече суроо; жоопто ар бир колдонулган норма көрсөтүлөт.',
  ]),
  'web.vat.country': text([
    'Whose VAT rules (where the buyer is taxed)',
    'Правила какой страны (где облагается покупатель)',
    'Қай елдің ережелері (сатып алушы салық төлейтін жер)',
    'Кайсы өлкөнүн эрежелери (сатып алуучу салык төлөгөн жер)',
  ]),
  'web.vat.date': text(['Date of the sale', 'Дата продажи', 'Сату күні', 'Сатуу күнү']),
  'web.vat.sellerResidence': text([
    'Seller is based in (ISO code, e.g. DE)',
    'Страна продавца (код ISO, например DE)',
    'Сатушының елі (ISO коды, мысалы DE)',
    'Сатуучунун өлкөсү (ISO коду, мисалы DE)',
  ]),
  'web.vat.sellerVat': text([
    'Seller is VAT-registered there',
    'Продавец зарегистрирован по НДС',
    'Сатушы ҚҚС бойынша тіркелген',
    'Сатуучу КНС боюнча катталган',
  ]),
  'web.vat.turnover': text([
    'Seller’s turnover in the last 12 months (local currency)',
    'Оборот продавца за 12 месяцев (в местной валюте)',
    'Сатушының 12 айлық айналымы (жергілікті валютада)',
    'Сатуучунун 12 айлык жүгүртүүсү (жергиликтүү валютада)',
  ]),
  'web.vat.buyerType': text(['Buyer', 'Покупатель', 'Сатып алушы', 'Сатып алуучу']),
  'web.vat.buyer.business': text(['a business', 'компания или ИП', 'компания немесе ЖК', 'компания же ЖИ']),
  'web.vat.buyer.consumer': text(['a consumer', 'физическое лицо', 'жеке тұлға', 'жеке адам']),
  'web.vat.buyerResidence': text([
    'Buyer is based in (ISO code)',
    'Страна покупателя (код ISO)',
    'Сатып алушының елі (ISO коды)',
    'Сатып алуучунун өлкөсү (ISO коду)',
  ]),
  'web.vat.category': text(['What is sold', 'Что продаётся', 'Не сатылады', 'Эмне сатылат']),
  'web.vat.category.electronic_services': text([
    'electronic services (SaaS, apps, streaming)',
    'электронные услуги (SaaS, приложения, стриминг)',
    'электрондық қызметтер (SaaS, қосымшалар, стриминг)',
    'электрондук кызматтар (SaaS, тиркемелер, стриминг)',
  ]),
  'web.vat.category.services': text(['other services', 'прочие услуги', 'басқа қызметтер', 'башка кызматтар']),
  'web.vat.category.goods': text(['goods', 'товары', 'тауарлар', 'товарлар']),
  'web.vat.net': text([
    'Amount without VAT (optional)',
    'Сумма без НДС (необязательно)',
    'ҚҚС-сыз сома (міндетті емес)',
    'КНСсыз сумма (милдеттүү эмес)',
  ]),
  'web.vat.answer': text(['Answer', 'Ответ', 'Жауап', 'Жооп']),
  'web.vat.rate': text(['VAT rate', 'Ставка НДС', 'ҚҚС мөлшерлемесі', 'КНС ченеми']),
  'web.vat.noVat': text(['no VAT', 'НДС не облагается', 'ҚҚС салынбайды', 'КНС салынбайт']),
  'web.vat.payer': text(['Who pays', 'Кто платит', 'Кім төлейді', 'Ким төлөйт']),
  'web.vat.payer.seller': text(['the seller', 'продавец', 'сатушы', 'сатуучу']),
  'web.vat.payer.buyer_tax_agent': text([
    'the buyer, as tax agent (reverse charge)',
    'покупатель как налоговый агент',
    'сатып алушы салық агенті ретінде',
    'сатып алуучу салык агенти катары',
  ]),
  'web.vat.payer.none': text(['nobody', 'никто', 'ешкім', 'эч ким']),
  'web.vat.registration': text(['Registration', 'Постановка на учёт', 'Тіркеу', 'Каттоо']),
  'web.vat.regRequired': {
    en: (p: { date: string; route: string }) => `required by ${p.date}${p.route ? ` — ${p.route}` : ''}`,
    ru: (p: { date: string; route: string }) => `обязательна до ${p.date}${p.route ? ` — ${p.route}` : ''}`,
    kk: (p: { date: string; route: string }) => `${p.date} дейін міндетті${p.route ? ` — ${p.route}` : ''}`,
    ky: (p: { date: string; route: string }) => `${p.date} чейин милдеттүү${p.route ? ` — ${p.route}` : ''}`,
  },
  'web.vat.regNotRequired': text(['not required', 'не требуется', 'талап етілмейді', 'талап кылынбайт']),
  'web.vat.filing': {
    en: (p: { frequency: string; periodEnd: string; dueDate: string }) =>
      `${p.frequency} return for the period ending ${p.periodEnd}, due ${p.dueDate}`,
    ru: (p: { frequency: string; periodEnd: string; dueDate: string }) =>
      `декларация (${p.frequency === 'monthly' ? 'ежемесячно' : 'ежеквартально'}) за период по ${p.periodEnd}, срок — ${p.dueDate}`,
    kk: (p: { frequency: string; periodEnd: string; dueDate: string }) =>
      `${p.periodEnd} аяқталатын кезеңге декларация (${p.frequency === 'monthly' ? 'ай сайын' : 'тоқсан сайын'}), мерзімі — ${p.dueDate}`,
    ky: (p: { frequency: string; periodEnd: string; dueDate: string }) =>
      `${p.periodEnd} бүткөн мезгил үчүн декларация (${p.frequency === 'monthly' ? 'ай сайын' : 'чейрек сайын'}), мөөнөтү — ${p.dueDate}`,
  },
  'web.vat.filingLabel': text(['Returns', 'Декларации', 'Декларациялар', 'Декларациялар']),
  'web.vat.amounts': text(['Amounts', 'Суммы', 'Сомалар', 'Суммалар']),

  // Residency
  'web.res.title': text([
    'Kazakh tax residency',
    'Налоговое резидентство Казахстана',
    'Қазақстанның салықтық резиденттігі',
    'Казакстандын салык резиденттиги',
  ]),
  'web.res.taxYear': text(['Tax year', 'Налоговый год', 'Салық жылы', 'Салык жылы']),
  'web.res.asOf': text(['As of', 'На дату', 'Күнге', 'Күнгө']),
  'web.res.stays': text(['Stays in Kazakhstan', 'Пребывание в Казахстане', 'Қазақстанда болу', 'Казакстанда болуу']),
  'web.res.entry': text(['Entry', 'Въезд', 'Кіру', 'Кирүү']),
  'web.res.exit': text([
    'Exit (empty: still there)',
    'Выезд (пусто — ещё в стране)',
    'Шығу (бос — әлі елде)',
    'Чыгуу (бош — дагы өлкөдө)',
  ]),
  'web.res.addStay': text(['Add a stay', 'Добавить период', 'Кезең қосу', 'Мезгил кошуу']),
  'web.res.removeStay': {
    en: (p: { n: number }) => `Remove stay ${p.n}`,
    ru: (p: { n: number }) => `Удалить период ${p.n}`,
    kk: (p: { n: number }) => `${p.n}-кезеңді өшіру`,
    ky: (p: { n: number }) => `${p.n}-мезгилди өчүрүү`,
  },
  'web.res.upload': text([
    'or load the stays CSV (entry,exit)',
    'или загрузить CSV с периодами (entry,exit)',
    'немесе кезеңдер CSV файлын жүктеу (entry,exit)',
    'же мезгилдер CSV файлын жүктөө (entry,exit)',
  ]),
  'web.res.aifc': text([
    'AIFC programme participant (90 days)',
    'Участник программы МФЦА (90 дней)',
    'АХҚО бағдарламасының қатысушысы (90 күн)',
    'АЭФБ программасынын катышуучусу (90 күн)',
  ]),
  'web.res.citizen': text(['Kazakh citizen', 'Гражданин Казахстана', 'Қазақстан азаматы', 'Казакстандын жараны']),
  'web.res.permit': text(['Residence permit', 'Вид на жительство', 'Тұруға ықтиярхат', 'Жашоого уруксат']),
  'web.res.family': text([
    'Family lives in Kazakhstan',
    'Семья живёт в Казахстане',
    'Отбасы Қазақстанда тұрады',
    'Үй-бүлө Казакстанда жашайт',
  ]),
  'web.res.realEstate': text([
    'Home available in Kazakhstan',
    'Есть жильё в Казахстане',
    'Қазақстанда тұрғын үй бар',
    'Казакстанда турак жай бар',
  ]),
  'web.res.treaty': text([
    'Treaty residence certificate of another country',
    'Сертификат резидентства другой страны',
    'Басқа елдің резиденттік сертификаты',
    'Башка өлкөнүн резиденттик сертификаты',
  ]),
  'web.res.resident': text([
    'Tax resident of Kazakhstan',
    'Налоговый резидент Казахстана',
    'Қазақстанның салық резиденті',
    'Казакстандын салык резиденти',
  ]),
  'web.res.nonResident': text([
    'Not a tax resident of Kazakhstan',
    'Не является налоговым резидентом Казахстана',
    'Қазақстанның салық резиденті емес',
    'Казакстандын салык резиденти эмес',
  ]),
  'web.res.daysInYear': {
    en: (p: { days: number; year: number }) => `${p.days} days in Kazakhstan in ${p.year}`,
    ru: (p: { days: number; year: number }) => `Дней в Казахстане в ${p.year} году: ${p.days}`,
    kk: (p: { days: number; year: number }) => `${p.year} жылы Қазақстанда болған күндер: ${p.days}`,
    ky: (p: { days: number; year: number }) => `${p.year}-жылы Казакстанда болгон күндөр: ${p.days}`,
  },
  'web.res.maxWindow': {
    en: (p: { days: number; start: string; end: string }) =>
      `Most days in a 12-month window: ${p.days} (${p.start} – ${p.end})`,
    ru: (p: { days: number; start: string; end: string }) =>
      `Больше всего дней за 12 месяцев: ${p.days} (${p.start} – ${p.end})`,
    kk: (p: { days: number; start: string; end: string }) =>
      `12 ай ішіндегі ең көп күн: ${p.days} (${p.start} – ${p.end})`,
    ky: (p: { days: number; start: string; end: string }) => `12 айдагы эң көп күн: ${p.days} (${p.start} – ${p.end})`,
  },
  'web.res.metOn': {
    en: (p: { date: string; threshold: number }) => `The ${p.threshold}-day test is met on ${p.date}`,
    ru: (p: { date: string; threshold: number }) => `Порог ${p.threshold} дней достигнут ${p.date}`,
    kk: (p: { date: string; threshold: number }) => `${p.threshold} күндік шекке ${p.date} жетті`,
    ky: (p: { date: string; threshold: number }) => `${p.threshold} күндүк чекке ${p.date} жетти`,
  },
  'web.res.chart': text([
    'Days present in the 12 months ending on each day of the tax year',
    'Дней присутствия за 12 месяцев, заканчивающихся в каждый день налогового года',
    'Салық жылының әр күнімен аяқталатын 12 айдағы болу күндері',
    'Салык жылынын ар бир күнү менен бүткөн 12 айдагы болгон күндөр',
  ]),
  'web.res.series': text(['days in 12 months', 'дней за 12 месяцев', '12 айдағы күндер', '12 айдагы күндөр']),
  'web.res.line': {
    en: (p: { days: number }) => `${p.days} days`,
    ru: (p: { days: number }) => `${p.days} дней`,
    kk: (p: { days: number }) => `${p.days} күн`,
    ky: (p: { days: number }) => `${p.days} күн`,
  },
  'web.res.decidedBy.days_183': text([
    'decided by the 183-day test',
    'решено по правилу 183 дней',
    '183 күн ережесі бойынша шешілді',
    '183 күн эрежеси боюнча чечилди',
  ]),
  'web.res.decidedBy.days_90_aifc': text([
    'decided by the 90-day AIFC test',
    'решено по правилу 90 дней МФЦА',
    'АХҚО 90 күн ережесі бойынша шешілді',
    'АЭФБ 90 күн эрежеси боюнча чечилди',
  ]),
  'web.res.decidedBy.vital_interests': text([
    'decided by the centre of vital interests',
    'решено по центру жизненных интересов',
    'өмірлік мүдделер орталығы бойынша шешілді',
    'турмуштук кызыкчылыктар борбору боюнча чечилди',
  ]),
  'web.res.decidedBy.treaty_certificate': text([
    'decided by the treaty residence certificate',
    'решено сертификатом резидентства',
    'резиденттік сертификат бойынша шешілді',
    'резиденттик сертификат боюнча чечилди',
  ]),
  'web.res.decidedBy.none': text([
    'no test is met',
    'ни один критерий не выполнен',
    'бірде-бір талап орындалмады',
    'бир да талап аткарылган жок',
  ]),
} as const;
