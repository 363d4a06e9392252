import { formatterFor } from './format.js';
import type { Lang } from './languages.js';
import { ruPlural } from './plural.js';

/**
 * Texts of the `salyk` command line: summaries, progress labels and input errors, keyed `cli.*`. Machine columns
 * of the CSV output (`valid`, `country`, `kind`, `errors`, …) are not here: they stay stable in every language.
 */

const ruRows = (n: number) => `${n} ${ruPlural(n, 'строка', 'строки', 'строк')}`;

export const CLI_MESSAGES = {
  'cli.summary.checked': {
    en: (p: { rows: number; seconds: string; rate: number; column: string }) =>
      `${p.rows} rows checked in ${p.seconds} s (${p.rate} rows/s), TIN column "${p.column}"`,
    ru: (p: { rows: number; seconds: string; rate: number; column: string }) =>
      `проверено: ${ruRows(p.rows)} за ${p.seconds} с (${p.rate} строк/с), столбец ИИН/БИН «${p.column}»`,
    kk: (p: { rows: number; seconds: string; rate: number; column: string }) =>
      `${p.rows} жол ${p.seconds} с ішінде тексерілді (${p.rate} жол/с), ЖСН/БСН бағаны «${p.column}»`,
    ky: (p: { rows: number; seconds: string; rate: number; column: string }) =>
      `${p.rows} сап ${p.seconds} с ичинде текшерилди (${p.rate} сап/с), ИНН/ПИН мамычасы «${p.column}»`,
  },
  'cli.summary.counts': {
    en: (p: { read: number; skipped: number; valid: number; invalid: number; warnings: number }) =>
      `  rows read ${p.read}, blank rows skipped ${p.skipped}, valid ${p.valid}, invalid ${p.invalid}, with warnings ${p.warnings}`,
    ru: (p: { read: number; skipped: number; valid: number; invalid: number; warnings: number }) =>
      `  прочитано строк ${p.read}, пустых пропущено ${p.skipped}, верных ${p.valid}, неверных ${p.invalid}, с предупреждениями ${p.warnings}`,
    kk: (p: { read: number; skipped: number; valid: number; invalid: number; warnings: number }) =>
      `  оқылған жол ${p.read}, бос жол өткізілді ${p.skipped}, дұрыс ${p.valid}, қате ${p.invalid}, ескертуі бар ${p.warnings}`,
    ky: (p: { read: number; skipped: number; valid: number; invalid: number; warnings: number }) =>
      `  окулган сап ${p.read}, бош сап өткөрүлдү ${p.skipped}, туура ${p.valid}, туура эмес ${p.invalid}, эскертүүсү бар ${p.warnings}`,
  },
  'cli.summary.malformed': {
    en: (p: { count: number }) => `  malformed rows ${p.count}`,
    ru: (p: { count: number }) => `  повреждённых строк ${p.count}`,
    kk: (p: { count: number }) => `  бүлінген жол ${p.count}`,
    ky: (p: { count: number }) => `  бузулган сап ${p.count}`,
  },
  'cli.summary.fixed': {
    en: (p: { count: number }) => `  fixed ${p.count} lost leading zero(s)`,
    ru: (p: { count: number }) => `  восстановлены потерянные ведущие нули: ${p.count}`,
    kk: (p: { count: number }) => `  жоғалған бастапқы нөлдер қалпына келтірілді: ${p.count}`,
    ky: (p: { count: number }) => `  жоголгон баштапкы нөлдөр калыбына келтирилди: ${p.count}`,
  },
  'cli.summary.zerosLost': {
    en: (p: { count: number }) =>
      `  ${p.count} value(s) lost leading zeros in a spreadsheet: rerun with --fix-leading-zeros to restore them`,
    ru: (p: { count: number }) =>
      `  у ${p.count} значений таблица потеряла ведущие нули: запустите с --fix-leading-zeros, чтобы их восстановить`,
    kk: (p: { count: number }) =>
      `  ${p.count} мәннің бастапқы нөлдері кестеде жоғалған: қалпына келтіру үшін --fix-leading-zeros қосып іске қосыңыз`,
    ky: (p: { count: number }) =>
      `  ${p.count} маанинин баштапкы нөлдөрү таблицада жоголгон: калыбына келтирүү үчүн --fix-leading-zeros менен иштетиңиз`,
  },
  'cli.summary.topProblems': {
    en: () => 'Top problems:',
    ru: () => 'Частые ошибки:',
    kk: () => 'Жиі кездесетін қателер:',
    ky: () => 'Көп кездешкен каталар:',
  },
  'cli.summary.lines': {
    en: (p: { lines: string }) => `lines ${p.lines}`,
    ru: (p: { lines: string }) => `строки ${p.lines}`,
    kk: (p: { lines: string }) => `жолдар ${p.lines}`,
    ky: (p: { lines: string }) => `саптар ${p.lines}`,
  },
  'cli.summary.line': {
    en: (p: { line: number; message: string }) => `  line ${p.line}: ${p.message}`,
    ru: (p: { line: number; message: string }) => `  строка ${p.line}: ${p.message}`,
    kk: (p: { line: number; message: string }) => `  ${p.line}-жол: ${p.message}`,
    ky: (p: { line: number; message: string }) => `  ${p.line}-сап: ${p.message}`,
  },
  'cli.summary.moreMalformed': {
    en: (p: { count: number }) => `  … ${p.count} more malformed lines`,
    ru: (p: { count: number }) => `  … и ещё повреждённых строк: ${p.count}`,
    kk: (p: { count: number }) => `  … тағы бүлінген жол: ${p.count}`,
    ky: (p: { count: number }) => `  … дагы бузулган сап: ${p.count}`,
  },
  'cli.summary.written': {
    en: (p: { path: string; encoding: string }) => `Written: ${p.path} (${p.encoding})`,
    ru: (p: { path: string; encoding: string }) => `Записано: ${p.path} (${p.encoding})`,
    kk: (p: { path: string; encoding: string }) => `Жазылды: ${p.path} (${p.encoding})`,
    ky: (p: { path: string; encoding: string }) => `Жазылды: ${p.path} (${p.encoding})`,
  },
  'cli.summary.utf8Instead': {
    en: () =>
      '  the output is UTF-8 (with BOM): Windows-1251 has no letters for the messages in this language; --output-encoding chooses',
    ru: () =>
      '  результат записан в UTF-8 (с BOM): в Windows-1251 нет букв для сообщений на этом языке; кодировку выбирает --output-encoding',
    kk: () =>
      '  нәтиже UTF-8 (BOM-мен) жазылды: Windows-1251 кодтауында қазақ әріптері (ә, ғ, қ, ң, ө, ұ, ү, һ, і) жоқ; кодтауды --output-encoding таңдайды',
    ky: () =>
      '  жыйынтык UTF-8 (BOM менен) жазылды: Windows-1251 коддоосунда кыргыз тамгалары (ң, ө, ү) жок; коддоону --output-encoding тандайт',
  },
  'cli.progress.label': {
    en: () => 'checking',
    ru: () => 'проверка',
    kk: () => 'тексеру',
    ky: () => 'текшерүү',
  },
  'cli.progress.rows': {
    en: () => 'rows',
    ru: () => 'строк',
    kk: () => 'жол',
    ky: () => 'сап',
  },
  'cli.progress.eta': {
    en: () => 'ETA',
    ru: () => 'ост.',
    kk: () => 'қалды',
    ky: () => 'калды',
  },
  'cli.summary.sheet': {
    en: () => 'Summary',
    ru: () => 'Итоги',
    kk: () => 'Қорытынды',
    ky: () => 'Жыйынтык',
  },
  'cli.summary.sheetRows': {
    en: () => 'rows read|blank rows skipped|valid|invalid|with warnings|code|rows|example lines',
    ru: () => 'прочитано строк|пустых строк пропущено|верных|неверных|с предупреждениями|код|строк|номера строк',
    kk: () => 'оқылған жол|өткізілген бос жол|дұрыс|қате|ескертуі бар|код|жол|жол нөмірлері',
    ky: () => 'окулган сап|өткөрүлгөн бош сап|туура|туура эмес|эскертүүсү бар|код|сап|сап номерлери',
  },
  'cli.error.noFile': {
    en: (p: { file: string }) => `cannot read ${p.file}: no such file`,
    ru: (p: { file: string }) => `не удаётся прочитать ${p.file}: файла нет`,
    kk: (p: { file: string }) => `${p.file} оқылмайды: мұндай файл жоқ`,
    ky: (p: { file: string }) => `${p.file} окулбайт: мындай файл жок`,
  },
  'cli.error.empty': {
    en: (p: { file: string }) => `${p.file} is empty: expected a header row with a TIN column`,
    ru: (p: { file: string }) => `${p.file} пуст: нужна строка заголовков со столбцом ИИН/БИН (ИНН)`,
    kk: (p: { file: string }) => `${p.file} бос: ЖСН/БСН бағаны бар тақырып жолы керек`,
    ky: (p: { file: string }) => `${p.file} бош: ИНН/ПИН мамычасы бар баш сап керек`,
  },
  'cli.error.xls': {
    en: (p: { file: string }) =>
      `${p.file} is an old binary Excel workbook (.xls) or a password-protected one, which salyk cannot read: save it as .xlsx or .csv`,
    ru: (p: { file: string }) =>
      `${p.file} — старая книга Excel (.xls) или защищённая паролем, salyk её не читает: сохраните её как .xlsx или .csv`,
    kk: (p: { file: string }) =>
      `${p.file} — ескі Excel кітабы (.xls) немесе құпиясөзбен қорғалған, salyk оны оқи алмайды: .xlsx немесе .csv ретінде сақтаңыз`,
    ky: (p: { file: string }) =>
      `${p.file} — эски Excel китеби (.xls) же сырсөз менен корголгон, salyk аны окубайт: .xlsx же .csv катары сактаңыз`,
  },
  'cli.error.noTinColumn': {
    en: (p: { file: string }) =>
      `no TIN column in ${p.file}: name one with --column (a header or a number), and the header's row with --header-row if it is not among the first rows`,
    ru: (p: { file: string }) =>
      `в ${p.file} не найден столбец ИИН/БИН (ИНН): укажите его через --column (заголовок или номер), а строку заголовков — через --header-row`,
    kk: (p: { file: string }) =>
      `${p.file} ішінде ЖСН/БСН бағаны табылмады: оны --column арқылы (тақырып не нөмір), тақырып жолын --header-row арқылы көрсетіңіз`,
    ky: (p: { file: string }) =>
      `${p.file} ичинде ИНН/ПИН мамычасы табылган жок: аны --column аркылуу (аталыш же номер), баш сапты --header-row аркылуу көрсөтүңүз`,
  },
  'cli.error.noColumn': {
    en: (p: { column: string; file: string }) => `no column "${p.column}" in ${p.file}`,
    ru: (p: { column: string; file: string }) => `в ${p.file} нет столбца «${p.column}»`,
    kk: (p: { column: string; file: string }) => `${p.file} ішінде «${p.column}» бағаны жоқ`,
    ky: (p: { column: string; file: string }) => `${p.file} ичинде «${p.column}» мамычасы жок`,
  },
  'cli.error.candidates': {
    en: () => 'columns found (samples; * = looks like TINs):',
    ru: () => 'найденные столбцы (примеры; * — похожи на ИИН/БИН):',
    kk: () => 'табылған бағандар (мысалдар; * — ЖСН/БСН-ға ұқсайды):',
    ky: () => 'табылган мамычалар (мисалдар; * — ИНН/ПИНге окшош):',
  },
  'cli.error.sheets': {
    en: (p: { sheet: string; sheets: string }) =>
      `sheet read: ${p.sheet}; sheets in the workbook: ${p.sheets} (--sheet chooses)`,
    ru: (p: { sheet: string; sheets: string }) =>
      `прочитан лист: ${p.sheet}; листы книги: ${p.sheets} (--sheet выбирает лист)`,
    kk: (p: { sheet: string; sheets: string }) =>
      `оқылған парақ: ${p.sheet}; кітап парақтары: ${p.sheets} (--sheet таңдайды)`,
    ky: (p: { sheet: string; sheets: string }) =>
      `окулган барак: ${p.sheet}; китептин барактары: ${p.sheets} (--sheet тандайт)`,
  },
  // A malformed row's reason, in the `messages` column of its MALFORMED_ROW and in the summary's parse errors.
  'cli.row.fieldCount': {
    en: (p: { expected: number; found: number }) => `expected ${p.expected} fields, found ${p.found}`,
    ru: (p: { expected: number; found: number }) => `ожидалось полей: ${p.expected}, найдено: ${p.found}`,
    kk: (p: { expected: number; found: number }) => `күтілген өріс саны: ${p.expected}, табылғаны: ${p.found}`,
    ky: (p: { expected: number; found: number }) => `күтүлгөн талаа саны: ${p.expected}, табылганы: ${p.found}`,
  },
  'cli.row.missingQuotes': {
    en: () => 'a quoted cell is never closed: a quote is missing',
    ru: () => 'ячейка в кавычках не закрыта: не хватает кавычки',
    kk: () => 'тырнақшадағы ұяшық жабылмаған: тырнақша жетіспейді',
    ky: () => 'тырмакчадагы уяча жабылган эмес: тырмакча жетишпейт',
  },
  'cli.row.invalidQuotes': {
    en: () => 'a quote inside a quoted cell is not doubled ("")',
    ru: () => 'кавычка внутри ячейки в кавычках не удвоена ("")',
    kk: () => 'тырнақшадағы ұяшық ішіндегі тырнақша қосарланбаған ("")',
    ky: () => 'тырмакчадагы уячанын ичиндеги тырмакча кош жазылган эмес ("")',
  },
  'cli.error.noSheets': {
    en: (p: { file: string }) => `${p.file} has no sheets`,
    ru: (p: { file: string }) => `в книге ${p.file} нет листов`,
    kk: (p: { file: string }) => `${p.file} кітабында парақ жоқ`,
    ky: (p: { file: string }) => `${p.file} китебинде барак жок`,
  },
  'cli.error.noSheet': {
    en: (p: { file: string; sheet: string; sheets: string }) =>
      `${p.file} has no sheet "${p.sheet}" (sheets: ${p.sheets})`,
    ru: (p: { file: string; sheet: string; sheets: string }) =>
      `в книге ${p.file} нет листа «${p.sheet}» (листы: ${p.sheets})`,
    kk: (p: { file: string; sheet: string; sheets: string }) =>
      `${p.file} кітабында «${p.sheet}» парағы жоқ (парақтар: ${p.sheets})`,
    ky: (p: { file: string; sheet: string; sheets: string }) =>
      `${p.file} китебинде «${p.sheet}» барагы жок (барактар: ${p.sheets})`,
  },
  'cli.error.notXlsx': {
    en: (p: { file: string; reason: string }) => `cannot read ${p.file} as an XLSX workbook: ${p.reason}`,
    ru: (p: { file: string; reason: string }) => `не удаётся прочитать ${p.file} как книгу XLSX: ${p.reason}`,
    kk: (p: { file: string; reason: string }) => `${p.file} XLSX кітабы ретінде оқылмайды: ${p.reason}`,
    ky: (p: { file: string; reason: string }) => `${p.file} XLSX китеби катары окулбайт: ${p.reason}`,
  },
  'cli.error.emptySheet': {
    en: (p: { file: string; sheet: string }) => `sheet ${p.sheet} of ${p.file} is empty`,
    ru: (p: { file: string; sheet: string }) => `лист ${p.sheet} в ${p.file} пуст`,
    kk: (p: { file: string; sheet: string }) => `${p.file} ішіндегі ${p.sheet} парағы бос`,
    ky: (p: { file: string; sheet: string }) => `${p.file} ичиндеги ${p.sheet} барагы бош`,
  },
  'cli.error.sheetHeaderRow': {
    en: (p: { row: number; file: string; sheet: string }) =>
      `row ${p.row} of sheet ${p.sheet} of ${p.file} is blank or missing: --header-row must point at the header`,
    ru: (p: { row: number; file: string; sheet: string }) =>
      `строка ${p.row} листа ${p.sheet} в ${p.file} пуста или её нет: --header-row должен указывать на заголовки`,
    kk: (p: { row: number; file: string; sheet: string }) =>
      `${p.file} ішіндегі ${p.sheet} парағының ${p.row}-жолы бос не жоқ: --header-row тақырып жолын көрсетуі керек`,
    ky: (p: { row: number; file: string; sheet: string }) =>
      `${p.file} ичиндеги ${p.sheet} барагынын ${p.row}-сабы бош же жок: --header-row баш сапты көрсөтүшү керек`,
  },
  'cli.error.workbookStdin': {
    en: () => 'a workbook cannot be read from standard input: pass its file name',
    ru: () => 'книгу Excel нельзя прочитать из стандартного ввода: укажите имя файла',
    kk: () => 'Excel кітабын стандартты енгізуден оқу мүмкін емес: файл атын көрсетіңіз',
    ky: () => 'Excel китебин стандарттуу киргизүүдөн окууга болбойт: файлдын атын көрсөтүңүз',
  },
  'cli.error.notAFile': {
    en: (p: { file: string }) => `${p.file} is not a file`,
    ru: (p: { file: string }) => `${p.file} — не файл`,
    kk: (p: { file: string }) => `${p.file} файл емес`,
    ky: (p: { file: string }) => `${p.file} файл эмес`,
  },
  'cli.error.headerRow': {
    en: (p: { row: number; file: string }) =>
      `row ${p.row} of ${p.file} is blank or missing: --header-row must point at the header`,
    ru: (p: { row: number; file: string }) =>
      `строка ${p.row} в ${p.file} пуста или её нет: --header-row должен указывать на заголовки`,
    kk: (p: { row: number; file: string }) =>
      `${p.file} ішінде ${p.row}-жол бос не жоқ: --header-row тақырып жолын көрсетуі керек`,
    ky: (p: { row: number; file: string }) =>
      `${p.file} ичинде ${p.row}-сап бош же жок: --header-row баш сапты көрсөтүшү керек`,
  },
  'cli.error.undecodable': {
    en: (p: { file: string; encoding: string; byte: number }) =>
      `${p.file} cannot be read as ${p.encoding} near byte ${p.byte}: no character was replaced; pass the file's encoding with --encoding (e.g. cp1251)`,
    ru: (p: { file: string; encoding: string; byte: number }) =>
      `${p.file} не читается как ${p.encoding} около байта ${p.byte}; ни один символ не заменён — укажите кодировку файла через --encoding (например, cp1251)`,
    kk: (p: { file: string; encoding: string; byte: number }) =>
      `${p.file} ${p.encoding} ретінде ${p.byte}-байт маңында оқылмайды; ешбір таңба ауыстырылған жоқ — файл кодтауын --encoding арқылы көрсетіңіз (мысалы, cp1251)`,
    ky: (p: { file: string; encoding: string; byte: number }) =>
      `${p.file} ${p.encoding} катары ${p.byte}-байттын жанында окулбайт; бир да белги алмаштырылган жок — файлдын коддоосун --encoding аркылуу көрсөтүңүз (мисалы, cp1251)`,
  },
  'cli.error.unencodable': {
    en: (p: { char: string; encoding: string }) =>
      `"${p.char}" cannot be written in ${p.encoding}: choose another with --output-encoding (e.g. utf-8)`,
    ru: (p: { char: string; encoding: string }) =>
      `«${p.char}» нельзя записать в ${p.encoding}: выберите другую кодировку через --output-encoding (например, utf-8)`,
    kk: (p: { char: string; encoding: string }) =>
      `«${p.char}» таңбасын ${p.encoding} кодтауында жазу мүмкін емес: --output-encoding арқылы басқасын таңдаңыз (мысалы, utf-8)`,
    ky: (p: { char: string; encoding: string }) =>
      `«${p.char}» белгисин ${p.encoding} коддоосунда жазууга болбойт: --output-encoding аркылуу башкасын тандаңыз (мисалы, utf-8)`,
  },
  'cli.check.valid': {
    en: () => 'valid',
    ru: () => 'верный',
    kk: () => 'дұрыс',
    ky: () => 'туура',
  },
  'cli.check.invalid': {
    en: () => 'INVALID',
    ru: () => 'НЕВЕРНЫЙ',
    kk: () => 'ҚАТЕ',
    ky: () => 'ТУУРА ЭМЕС',
  },
  'cli.check.error': { en: () => 'error', ru: () => 'ошибка', kk: () => 'қате', ky: () => 'ката' },
  'cli.check.warning': {
    en: () => 'warning',
    ru: () => 'внимание',
    kk: () => 'ескерту',
    ky: () => 'эскертүү',
  },
  'cli.check.suggestion': {
    en: () => 'suggestion',
    ru: () => 'предложение',
    kk: () => 'ұсыныс',
    ky: () => 'сунуш',
  },
  'cli.esf.verdict': {
    en: (p: { ok: boolean; issueBy: string; daysLeft: number }) =>
      `${p.ok ? 'submittable' : 'NOT submittable'} — issue by ${p.issueBy} (${p.daysLeft} days left)`,
    ru: (p: { ok: boolean; issueBy: string; daysLeft: number }) =>
      `${p.ok ? 'можно выписывать' : 'выписывать НЕЛЬЗЯ'} — выписать до ${p.issueBy} (осталось дней: ${p.daysLeft})`,
    kk: (p: { ok: boolean; issueBy: string; daysLeft: number }) =>
      `${p.ok ? 'жазып беруге болады' : 'жазып беруге БОЛМАЙДЫ'} — ${p.issueBy} дейін жазу керек (${p.daysLeft} күн қалды)`,
    ky: (p: { ok: boolean; issueBy: string; daysLeft: number }) =>
      `${p.ok ? 'жазып берүүгө болот' : 'жазып берүүгө БОЛБОЙТ'} — ${p.issueBy} чейин жазуу керек (${p.daysLeft} күн калды)`,
  },
  'cli.error.invalidRequest': {
    en: (p: { file: string; issues: string }) => `${p.file} is not a valid request: ${p.issues}`,
    ru: (p: { file: string; issues: string }) => `${p.file} — неверный запрос: ${p.issues}`,
    kk: (p: { file: string; issues: string }) => `${p.file} — қате сұраным: ${p.issues}`,
    ky: (p: { file: string; issues: string }) => `${p.file} — туура эмес суроо: ${p.issues}`,
  },
  'cli.error.notJson': {
    en: (p: { file: string }) => `${p.file} is not valid JSON`,
    ru: (p: { file: string }) => `${p.file} — это не JSON`,
    kk: (p: { file: string }) => `${p.file} — JSON емес`,
    ky: (p: { file: string }) => `${p.file} — JSON эмес`,
  },
  'cli.error.invalidInvoice': {
    en: (p: { file: string; issues: string }) => `${p.file} is not a valid invoice: ${p.issues}`,
    ru: (p: { file: string; issues: string }) => `${p.file} — неверный ЭСФ: ${p.issues}`,
    kk: (p: { file: string; issues: string }) => `${p.file} — қате ЭШФ: ${p.issues}`,
    ky: (p: { file: string; issues: string }) => `${p.file} — туура эмес ЭЭФ: ${p.issues}`,
  },
  'cli.vat.verdict': {
    en: (p: { applies: boolean; country: string; rate: string; liable: string }) =>
      p.applies
        ? `VAT applies in ${p.country} at ${p.rate}; liable: ${p.liable}`
        : `no ${p.country} VAT on this supply`,
    ru: (p: { applies: boolean; country: string; rate: string; liable: string }) =>
      p.applies
        ? `НДС ${p.country} начисляется по ставке ${p.rate}; платит: ${p.liable}`
        : `НДС ${p.country} с этой поставки не начисляется`,
    kk: (p: { applies: boolean; country: string; rate: string; liable: string }) =>
      p.applies
        ? `${p.country} ҚҚС ${p.rate} мөлшерлемесімен салынады; төлейтін: ${p.liable}`
        : `бұл жеткізілімге ${p.country} ҚҚС салынбайды`,
    ky: (p: { applies: boolean; country: string; rate: string; liable: string }) =>
      p.applies
        ? `${p.country} КНС ${p.rate} ченинде салынат; төлөөчү: ${p.liable}`
        : `бул жеткирүүгө ${p.country} КНС салынбайт`,
  },
  'cli.vat.registration': {
    en: (p: { required: boolean; deadline: string }) =>
      p.required ? `  registration required${p.deadline ? ` by ${p.deadline}` : ''}` : '  no registration required',
    ru: (p: { required: boolean; deadline: string }) =>
      p.required
        ? `  нужна постановка на учёт по НДС${p.deadline ? ` до ${p.deadline}` : ''}`
        : '  постановка на учёт по НДС не нужна',
    kk: (p: { required: boolean; deadline: string }) =>
      p.required
        ? `  ҚҚС бойынша тіркелу керек${p.deadline ? ` ${p.deadline} дейін` : ''}`
        : '  ҚҚС бойынша тіркелу қажет емес',
    ky: (p: { required: boolean; deadline: string }) =>
      p.required
        ? `  КНС боюнча каттоо керек${p.deadline ? ` ${p.deadline} чейин` : ''}`
        : '  КНС боюнча каттоо талап кылынбайт',
  },
  'cli.vat.filing': {
    en: (p: { frequency: string; periodEnd: string; dueDate: string }) =>
      `  filing: ${p.frequency}, period ending ${p.periodEnd}, due ${p.dueDate}`,
    ru: (p: { frequency: string; periodEnd: string; dueDate: string }) =>
      `  декларация: ${p.frequency}, период до ${p.periodEnd}, срок ${p.dueDate}`,
    kk: (p: { frequency: string; periodEnd: string; dueDate: string }) =>
      `  декларация: ${p.frequency}, кезең ${p.periodEnd} дейін, мерзімі ${p.dueDate}`,
    ky: (p: { frequency: string; periodEnd: string; dueDate: string }) =>
      `  декларация: ${p.frequency}, мезгил ${p.periodEnd} чейин, мөөнөтү ${p.dueDate}`,
  },
  'cli.vat.amounts': {
    en: (p: { net: number; vat: number; gross: number }) => `  net ${p.net}, VAT ${p.vat}, gross ${p.gross}`,
    ru: (p: { net: number; vat: number; gross: number }) => `  без НДС ${p.net}, НДС ${p.vat}, с НДС ${p.gross}`,
    kk: (p: { net: number; vat: number; gross: number }) => `  ҚҚС-сыз ${p.net}, ҚҚС ${p.vat}, ҚҚС-мен ${p.gross}`,
    ky: (p: { net: number; vat: number; gross: number }) => `  КНСсыз ${p.net}, КНС ${p.vat}, КНС менен ${p.gross}`,
  },
  'cli.residency.verdict': {
    en: (p: { resident: boolean; year: number; decidedBy: string; days: number }) =>
      `${p.resident ? 'RESIDENT' : 'not resident'} in ${p.year} (decided by ${p.decidedBy}); ${p.days} days in the tax year`,
    ru: (p: { resident: boolean; year: number; decidedBy: string; days: number }) =>
      `${p.resident ? 'РЕЗИДЕНТ' : 'не резидент'} за ${p.year} год (решает: ${p.decidedBy}); дней в налоговом году: ${p.days}`,
    kk: (p: { resident: boolean; year: number; decidedBy: string; days: number }) =>
      `${p.year} жылы ${p.resident ? 'РЕЗИДЕНТ' : 'резидент емес'} (шешуші: ${p.decidedBy}); салық жылындағы күндер: ${p.days}`,
    ky: (p: { resident: boolean; year: number; decidedBy: string; days: number }) =>
      `${p.year}-жылы ${p.resident ? 'РЕЗИДЕНТ' : 'резидент эмес'} (чечүүчү: ${p.decidedBy}); салык жылындагы күндөр: ${p.days}`,
  },
  'cli.residency.window': {
    en: (p: { days: number; start: string; end: string }) =>
      `  day test met: ${p.days} days from ${p.start} to ${p.end}`,
    ru: (p: { days: number; start: string; end: string }) =>
      `  порог дней достигнут: ${p.days} дней с ${p.start} по ${p.end}`,
    kk: (p: { days: number; start: string; end: string }) =>
      `  күн шегі орындалды: ${p.start} – ${p.end} аралығында ${p.days} күн`,
    ky: (p: { days: number; start: string; end: string }) =>
      `  күн чеги аткарылды: ${p.start} – ${p.end} аралыгында ${p.days} күн`,
  },
  'cli.residency.maxWindow': {
    en: (p: { days: number; start: string; end: string; threshold: number }) =>
      `  most days in a 12-month window: ${p.days} (${p.start} to ${p.end}), threshold ${p.threshold}`,
    ru: (p: { days: number; start: string; end: string; threshold: number }) =>
      `  больше всего дней за 12 месяцев подряд: ${p.days} (с ${p.start} по ${p.end}), порог ${p.threshold}`,
    kk: (p: { days: number; start: string; end: string; threshold: number }) =>
      `  қатарынан 12 айдағы ең көп күн: ${p.days} (${p.start} – ${p.end}), шегі ${p.threshold}`,
    ky: (p: { days: number; start: string; end: string; threshold: number }) =>
      `  катары менен 12 айдагы эң көп күн: ${p.days} (${p.start} – ${p.end}), чеги ${p.threshold}`,
  },
  'cli.residency.allowed': {
    en: (p: { days: number }) => `  days of presence still allowed: ${p.days}`,
    ru: (p: { days: number }) => `  ещё можно пробыть дней: ${p.days}`,
    kk: (p: { days: number }) => `  әлі болуға болатын күндер: ${p.days}`,
    ky: (p: { days: number }) => `  дагы болууга мүмкүн болгон күндөр: ${p.days}`,
  },
} as const;

/** A CLI text in `lang`, for code that should not load the whole catalog (a CSV worker, a job's Lambda function). */
export const tCli = formatterFor(CLI_MESSAGES);

/**
 * A CSV parser's problem with a row, in `lang`: papaparse's quote errors by their code (the CLI's and the web page's
 * readers both say them so), anything else as papaparse words it.
 */
export function csvRowProblem(error: { code?: string; message: string }, lang: Lang): string {
  if (error.code === 'MissingQuotes') return tCli('cli.row.missingQuotes', lang);
  if (error.code === 'InvalidQuotes') return tCli('cli.row.invalidQuotes', lang);
  return error.message;
}
