/// <reference lib="dom" />
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessKzResidency } from '../../shared/residency/kz.js';
import { assessVat } from '../../shared/vat/assess.js';
import { TIN } from '../fixtures/esf-invoices.js';
import { disposeBuild, ensureBuilt, salyk } from '../fixtures/salyk-cli.js';
import { openWebPage, SCREENSHOTS, type WebPage } from './web-page.js';

/**
 * The web page in a real headless Chromium (Debian's package), served with the deployed security headers:
 * each page used as a person would, the supplier check compared with the CLI on the same files.
 */
let web: WebPage;
let dir: string;

/**
 * A supplier list as 1C or Excel exports it: BOM, a title row, `;`, a `БИН/ИИН` header, blank lines, a broken row,
 * lost zeros, an empty TIN cell and a number Excel turned into scientific notation.
 */
const SUPPLIERS_CSV = `\uFEFF${[
  'Список поставщиков на 01.11.2026',
  '',
  'Наименование;БИН/ИИН;Город',
  `ТОО Альфа;${TIN.kzBin};Алматы`,
  `Потерян ноль;${TIN.kzBinLeadingZero.slice(1)};Астана`,
  `ОсОО Бишкек;${TIN.kgInn2.slice(1)};Бишкек`,
  `KG org;${TIN.kgInn};Ош`,
  `Опечатка;${TIN.kzBin.slice(0, 11)}6;Алматы`,
  `ИП Иванов;${TIN.kzIin};Шымкент`,
  '',
  `"Кавычки; внутри";${TIN.kzBin2};"Алматы"`,
  `Лишнее поле;${TIN.kzBin};Алматы;лишнее`,
  'Буквы;ABC;Алматы',
  ';;',
  'Пустой БИН;;Алматы',
  'Excel;8.9052E+11;Алматы',
].join('\r\n')}\r\n`;

const consoleErrors: string[] = [];

/** A new tab on the page; `lang` is chosen in the page (the choice is remembered, so every test sets its own). */
async function newPage(hash = '', lang = 'ru'): Promise<Page> {
  const page = await web.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(`${web.url}${hash}`);
  await setLanguage(page, lang);
  return page;
}

async function setLanguage(page: Page, lang: string): Promise<void> {
  await page.locator('header select').selectOption(lang);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
}

/** The summary cards as numbers, by key (`rows`, `valid`, …); digits only, whatever the locale's grouping. */
async function summaryCards(page: Page): Promise<Record<string, number>> {
  await page.locator('[data-testid=summary]').waitFor({ timeout: 20_000 });
  const cards = await page
    .locator('[data-testid=summary] .card')
    .evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-key') ?? '', el.querySelector('dd')?.textContent ?? '']),
    );
  return Object.fromEntries(cards.map(([k, v]) => [k, Number((v ?? '').replace(/\D/g, ''))]));
}

async function download(page: Page, name: RegExp): Promise<{ bytes: Buffer; fileName: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return { bytes: await readFile(await file.path()), fileName: file.suggestedFilename() };
}

/** The CLI's run on the same file, its messages in the page's language (`--lang`), so the files compare like with like. */
async function cliSummary(input: string, output: string, extra: string[] = [], lang = 'en') {
  const run = await salyk(['validate', input, '-o', output, '--json', '--quiet', '--lang', lang, ...extra]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as {
    rows: number;
    valid: number;
    invalid: number;
    withWarnings: number;
    malformedRows: number;
    fixedLeadingZeros: number;
    blankRows: number;
    errorCounts: Record<string, number>;
  };
}

beforeAll(async () => {
  await ensureBuilt();
  web = await openWebPage({ locale: 'ru-RU' });
  dir = join(SCREENSHOTS, '..', 'files');
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
}, 120_000);

afterAll(async () => {
  await web?.close();
  await disposeBuild();
});

describe('web page in headless Chromium', () => {
  it('opens in the browser language (Russian) and switches to Kazakh, Kyrgyz and English', async () => {
    // Prepare
    const page = await web.context.newPage();
    await page.goto(web.url);

    // Act
    const russian = await page.locator('h1').textContent();
    await page.screenshot({ path: join(SCREENSHOTS, 'suppliers-ru.png'), fullPage: true });
    await setLanguage(page, 'kk');
    const kazakh = await page.locator('h1').textContent();
    await setLanguage(page, 'ky');
    const kyrgyz = await page.locator('h1').textContent();
    await setLanguage(page, 'en');
    const english = await page.locator('h1').textContent();
    await page.reload();

    // Assess
    expect(russian).toBe('Список поставщиков');
    expect(kazakh).toBe('Жеткізушілер тізімі');
    expect(kyrgyz).toBe('Жеткирүүчүлөрдүн тизмеси');
    expect(english).toBe('Supplier list');
    // the choice is remembered
    expect(await page.locator('h1').textContent()).toBe('Supplier list');
    await page.close();
  });

  it('checks a CSV supplier list: the counts are the CLI’s and the checked CSV is the CLI’s, byte for byte', async () => {
    // Prepare
    const input = join(dir, 'suppliers.csv');
    await writeFile(input, SUPPLIERS_CSV);
    const cli = await cliSummary(input, join(dir, 'suppliers.cli.csv'));
    const page = await newPage('', 'en'); // the CLI writes English messages

    // Act
    await page.locator('[data-testid=supplier-file]').setInputFiles(input);
    const cards = await summaryCards(page);
    const problems = await page.locator('[data-testid=problem-count]').textContent();
    await page.screenshot({ path: join(SCREENSHOTS, 'suppliers-csv.png'), fullPage: true });
    const checked = await download(page, /Download checked CSV/);

    // Assess
    expect(cards).toMatchObject({ rows: 11, valid: 4, invalid: 7, malformed: 1 });
    expect(cli).toMatchObject({ blankRows: 2, errorCounts: { EMPTY_VALUE: 1, SPREADSHEET_NUMBER: 1 } });
    expect(cards).toMatchObject({
      rows: cli.rows,
      valid: cli.valid,
      invalid: cli.invalid,
      warnings: cli.withWarnings,
      malformed: cli.malformedRows,
    });
    expect(Number(problems?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(cli.invalid);
    expect(checked.fileName).toBe('suppliers.checked.csv');
    expect(checked.bytes.equals(await readFile(join(dir, 'suppliers.cli.csv')))).toBe(true);
    await page.close();
  });

  it('writes a Windows-1251 list back in Windows-1251 (Russian messages), byte for byte the CLI’s', async () => {
    // Prepare: a 1C export — the same list in cp1251 (its Kazakh letters written as 1C writes them)
    const input = join(dir, 'suppliers-1251.csv');
    await writeFile(
      input,
      iconv.encode(SUPPLIERS_CSV.replace(/^\uFEFF/, '').replace(/[әғқңөұүһі]/gi, 'а'), 'windows-1251'),
    );
    await cliSummary(input, join(dir, 'suppliers-1251.cli.csv'), [], 'ru');
    const page = await newPage('', 'ru');

    // Act
    await page.locator('[data-testid=supplier-file]').setInputFiles(input);
    await summaryCards(page);
    const checked = await download(page, /Скачать проверенный CSV/);

    // Assess: no UTF-8 in it (every byte decodes as cp1251 and the Cyrillic survives), and the CLI's bytes
    const cli = await readFile(join(dir, 'suppliers-1251.cli.csv'));
    expect(iconv.decode(checked.bytes, 'windows-1251')).toContain('Наименование');
    expect(checked.bytes.equals(cli)).toBe(true);
    await page.close();
  });

  it('fixes lost leading zeros like --fix-leading-zeros and filters the problem rows by code', async () => {
    // Prepare
    const input = join(dir, 'suppliers.csv');
    await writeFile(input, SUPPLIERS_CSV);
    const cli = await cliSummary(input, join(dir, 'suppliers.fixed.cli.csv'), ['--fix-leading-zeros']);
    const page = await newPage('', 'en');
    await page.locator('[data-testid=supplier-file]').setInputFiles(input);
    await summaryCards(page);

    // Act
    await page.getByLabel('Fix lost leading zeros').check();
    await expect.poll(async () => (await summaryCards(page)).fixed).toBe(cli.fixedLeadingZeros);
    const checked = await download(page, /Download checked CSV/);
    await page.locator('label.inline select').selectOption('MALFORMED_ROW');
    await expect.poll(() => page.locator('[data-testid=problem-count]').textContent()).toBe('1');
    const row = await page.locator('.vrow').first().textContent();

    // Assess
    expect(cli.fixedLeadingZeros).toBe(2);
    expect(checked.bytes.equals(await readFile(join(dir, 'suppliers.fixed.cli.csv')))).toBe(true);
    expect(row).toContain('MALFORMED_ROW');
    await page.close();
  });

  it('checks an XLSX list (a title row, numeric cells that lost their zeros, a date) with the CLI’s counts, and offers the checked XLSX', async () => {
    // Prepare
    const input = join(dir, 'suppliers.xlsx');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Поставщики');
    sheet.addRow(['Список поставщиков на 01.11.2026']);
    sheet.addRow(['Наименование', 'ИИН', 'Город', 'Договор']);
    sheet.addRow(['ТОО Альфа', TIN.kzBin, 'Алматы', new Date(Date.UTC(2024, 0, 15))]);
    sheet.addRow(['Число без нуля', Number(TIN.kzIinLeadingZero), 'Астана']);
    sheet.addRow([]);
    sheet.addRow(['KG', TIN.kgPin, 'Бишкек']);
    sheet.addRow(['Опечатка', `${TIN.kzIin.slice(0, 11)}9`, 'Алматы']);
    await book.xlsx.writeFile(input);
    const cli = await cliSummary(input, join(dir, 'suppliers.xlsx.cli.csv'));
    const page = await newPage('', 'en');

    // Act
    await page.locator('[data-testid=supplier-file]').setInputFiles(input);
    const cards = await summaryCards(page);
    const checkedCsv = await download(page, /Download checked CSV/);
    const checkedXlsx = await download(page, /Download checked XLSX/);
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load(checkedXlsx.bytes as unknown as ArrayBuffer);

    // Assess
    expect(cards).toMatchObject({ rows: 4, valid: 2, invalid: 2 });
    expect(cards).toMatchObject({ rows: cli.rows, valid: cli.valid, invalid: cli.invalid, warnings: cli.withWarnings });
    expect(checkedCsv.bytes.equals(await readFile(join(dir, 'suppliers.xlsx.cli.csv')))).toBe(true);
    expect(checkedCsv.bytes.toString('utf8')).toContain(',2024-01-15,'); // the date cell as Excel shows it
    expect(checkedXlsx.fileName).toBe('suppliers.checked.xlsx');
    const tins = reread.worksheets[0]?.getColumn(2).values.slice(2);
    expect(tins).toEqual([TIN.kzBin, TIN.kzIinLeadingZero.slice(1), TIN.kgPin, `${TIN.kzIin.slice(0, 11)}9`]);
    expect(tins?.every((v) => typeof v === 'string')).toBe(true);
    await page.close();
  });

  it('decodes pasted numbers on the Check page', async () => {
    // Prepare
    const page = await newPage('#/check');

    // Act
    await page.locator('textarea').fill(`${TIN.kzIin}\n${TIN.kzBinLeadingZero.slice(1)}\n${TIN.kgInn}`);
    const verdicts = await page.locator('[data-testid=verdict]').allTextContents();
    await page.screenshot({ path: join(SCREENSHOTS, 'check.png'), fullPage: true });

    // Assess
    expect(verdicts).toHaveLength(3);
    expect(verdicts[0]).toContain('корректный');
    expect(verdicts[0]).toContain('15 марта 1985');
    expect(verdicts[1]).toContain(`Возможно, ${TIN.kzBinLeadingZero}?`);
    expect(verdicts[2]).toContain('Кыргызстан');
    await page.close();
  });

  it('pre-checks an ESF from the form: an IIN in the supplier field and a late issue are found, with the deadline', async () => {
    // Prepare
    const page = await newPage('#/esf');

    // Act
    await page.locator('input[name=supplierTin]').fill(TIN.kzIin);
    await page.locator('input[name=deliveryDate]').fill('2026-01-05');
    await page.locator('input[name=issueDate]').fill('2026-03-01');
    await page.getByRole('button', { name: 'Проверить' }).click();
    const result = page.locator('[data-testid=esf-result]');
    await result.waitFor();
    const codes = await page.locator('[data-testid=finding] code').allTextContents();
    await page.screenshot({ path: join(SCREENSHOTS, 'esf.png'), fullPage: true });

    // Assess
    expect(await result.locator('.verdict').textContent()).toContain('Будет отклонён');
    expect(codes).toContain('IIN_IN_BIN_FIELD');
    expect(codes).toContain('ESF_LATE');
    expect(await result.locator('.reason').first().textContent()).toMatch(/Выписать до .*просрочено/);
    await page.close();
  });

  it('answers the VAT question for a foreign SaaS seller with the library’s rate and cited reasons', async () => {
    // Prepare
    const page = await newPage('#/vat');
    const date = await page.locator('input[name=date]').inputValue();
    const expected = assessVat({
      country: 'KZ',
      date,
      seller: { residence: 'DE', vatRegistered: false },
      buyer: { type: 'consumer', residence: 'KZ' },
      supply: { category: 'electronic_services', net: 10000 },
    });

    // Act
    await page.getByRole('button', { name: 'Проверить' }).click();
    const answer = page.locator('[data-testid=vat-answer]');
    await answer.waitFor();
    const rate = await answer.locator('[data-key=rate] dd').textContent();
    const reasons = await answer.locator('.reason').count();
    const badges = await answer.locator('.reason .badge').count();
    await page.screenshot({ path: join(SCREENSHOTS, 'vat.png'), fullPage: true });

    // Assess
    expect(rate).toContain(`${expected.rate} %`);
    expect(reasons).toBe(expected.reasons.length);
    expect(badges).toBe(expected.reasons.length);
    await page.close();
  });

  it('decides residency and draws the rolling 12-month chart with the day the test is met', async () => {
    // Prepare
    const page = await newPage('#/residency');
    await page.locator('input[name=taxYear]').fill('2026');
    await page.locator('input[name=asOf]').fill('2026-12-31');
    const staysCsv = join(dir, 'stays.csv');
    await writeFile(staysCsv, 'entry,exit\n2025-10-01,2026-03-31\n2026-06-01,\n');
    const expected = assessKzResidency({
      taxYear: 2026,
      asOf: '2026-12-31',
      stays: [{ entry: '2025-10-01', exit: '2026-03-31' }, { entry: '2026-06-01' }],
    });

    // Act
    await page.locator('[data-testid=stays-file]').setInputFiles(staysCsv);
    await expect.poll(() => page.locator('input[name=entry1]').inputValue()).toBe('2026-06-01');
    await page.getByRole('button', { name: 'Проверить' }).click();
    const canvas = page.locator('[data-testid=residency-chart] canvas');
    await canvas.waitFor();
    const inked = await canvas.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
      return n;
    });
    const metOn = await page.locator('[data-testid=met-on]').textContent();
    await page.screenshot({ path: join(SCREENSHOTS, 'residency.png'), fullPage: true });

    // Assess
    expect(expected.resident).toBe(true);
    expect(inked).toBeGreaterThan(1000);
    expect(metOn).toContain('183');
    const [y, m, d] = (expected.window?.end ?? '').split('-').map(Number);
    const ruDate = new Intl.DateTimeFormat('ru-RU', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d)));
    expect(metOn).toContain(ruDate);
    await page.close();
  });

  it('has no serious or critical accessibility violation (axe-core) on any page, and breaks no CSP rule', async () => {
    // Prepare
    const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const input = join(dir, 'suppliers.csv');
    await writeFile(input, SUPPLIERS_CSV);
    const found: string[] = [];

    // Act
    for (const hash of ['#/suppliers', '#/check', '#/esf', '#/vat', '#/residency']) {
      const page = await newPage(hash);
      if (hash === '#/suppliers') {
        await page.locator('[data-testid=supplier-file]').setInputFiles(input);
        await summaryCards(page);
      } else if (hash !== '#/check') {
        await page.locator('form button[type=submit]').click();
        await page.locator('.answer').waitFor();
      }
      // Injected through DevTools (not a <script>), so the page's strict CSP stays on.
      await page.evaluate(axe);
      const violations = await page.evaluate(async () => {
        const result = await (
          window as unknown as {
            axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
          }
        ).axe.run();
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      });
      for (const v of violations)
        if (v.impact === 'serious' || v.impact === 'critical') found.push(`${hash} ${v.id} (${v.impact}, ${v.nodes})`);
      await page.close();
    }

    // Assess
    expect(found).toEqual([]);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });
});
