import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('Package: salyk as a dependency', () => {
  let consumer: string;

  beforeAll(() => {
    // Prepare: a consumer project whose node_modules/salyk is this package (as `npm install` would link it)
    consumer = mkdtempSync(join(tmpdir(), 'salyk-consumer-'));
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
    mkdirSync(join(consumer, 'node_modules'));
    symlinkSync(root, join(consumer, 'node_modules', 'salyk'), 'dir');
  });

  afterAll(() => rmSync(consumer, { recursive: true, force: true }));

  it('imports validateIdentifier by package name and validates', () => {
    // Prepare
    writeFileSync(
      join(consumer, 'main.mjs'),
      "import { validateIdentifier, isValidIdentifier, assessVat } from 'salyk';\n" +
        "const r = validateIdentifier('940140000385');\n" +
        "console.log(JSON.stringify({ valid: r.valid, kind: r.kind, fast: isValidIdentifier('940140000381'), vat: typeof assessVat }));\n",
    );

    // Act
    const out = execFileSync(process.execPath, ['main.mjs'], { cwd: consumer, encoding: 'utf8' });

    // Assess
    expect(JSON.parse(out)).toEqual({ valid: true, kind: 'BIN', fast: false, vat: 'function' });
  });

  it('type-checks a TypeScript consumer against the shipped declarations', () => {
    // Prepare: a strict NodeNext consumer that uses the types, plus one deliberate type error in a second file
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['good.ts'],
      }),
    );
    writeFileSync(
      join(consumer, 'good.ts'),
      "import { validateIdentifier, type IdentifierResult } from 'salyk';\n" +
        "const result: IdentifierResult = validateIdentifier('940140000385', { country: 'KZ' });\n" +
        'const valid: boolean = result.valid;\nexport { valid };\n',
    );
    writeFileSync(
      join(consumer, 'bad.ts'),
      "import { validateIdentifier } from 'salyk';\nconst n: number = validateIdentifier('1').valid;\nexport { n };\n",
    );
    const tsc = join(root, 'node_modules/.bin/tsc');

    // Act
    const good = () => execFileSync(tsc, ['-p', 'tsconfig.json'], { cwd: consumer, encoding: 'utf8' });
    const bad = () => {
      try {
        execFileSync(
          tsc,
          [
            '--ignoreConfig',
            '--noEmit',
            '--strict',
            '--module',
            'NodeNext',
            '--moduleResolution',
            'NodeNext',
            '--types',
            '',
            'bad.ts',
          ],
          { cwd: consumer, encoding: 'utf8' },
        );
        return 'compiled';
      } catch (error) {
        return String((error as { stdout?: string }).stdout);
      }
    };

    // Assess
    expect(good).not.toThrow();
    expect(bad()).toMatch(/Type 'boolean' is not assignable to type 'number'/);
  });
});
