import { createContext, runInContext } from 'node:vm';
import { transform } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserBundle,
  bundleForBrowser,
  IDENTIFIER_ENTRY,
  kb,
  LIBRARY_ENTRY,
} from '../../bench/browser-bundle.js';
import { generateIdentifier, validateIdentifier } from '../../shared/index.js';

/**
 * The library entry is browser-ready: esbuild bundles it for `platform: 'browser'` without Node built-ins or
 * run-time dependencies, and the bundle works in a realm that has no `process`, `require` or `Buffer`.
 */
type Library = typeof import('../../shared/index.js');

/**
 * Runs an ESM bundle in a fresh V8 context holding only the JavaScript built-ins (as a browser page would, minus
 * the DOM). The bundle's exports are rewritten to one global object, nothing else about the code changes.
 */
async function loadInBareRealm(bundle: BrowserBundle): Promise<{ lib: Library; realm: Record<string, unknown> }> {
  const script = await transform(bundle.code, { format: 'iife', globalName: 'lib', platform: 'browser' });
  const realm = createContext({});
  runInContext(script.code, realm);
  return { lib: realm.lib as Library, realm: runInContext('globalThis', realm) };
}

describe('Package: the library in a browser bundle', () => {
  let library: BrowserBundle;

  beforeAll(async () => {
    library = await bundleForBrowser(LIBRARY_ENTRY);
  });

  it('bundles shared/index.ts for the browser from its own sources only: no node: built-ins, no zod', () => {
    // Assess
    expect(library.inputs.filter((path) => path.startsWith('node:') || path.includes('node_modules'))).toEqual([]);
    expect(library.inputs.every((path) => path.startsWith('shared/') || path === 'browser-entry.ts')).toBe(true);
    expect(library.code).not.toMatch(/\bnode:|require\(/);
  });

  it('validates and generates inside the bundle, in a realm without process, require or Buffer', async () => {
    // Prepare
    const { lib, realm } = await loadInBareRealm(library);
    expect([realm.process, realm.require, realm.Buffer]).toEqual([undefined, undefined, undefined]);
    const asOf = '2026-11-22';
    const generated = lib.generateIdentifier({ country: 'KZ', kind: 'IIN', birthDate: '1985-04-07', seed: 3 });

    // Act
    const bin = lib.validateIdentifier('940140000385', { asOf });
    const lost = lib.validateIdentifier(
      lib.generateIdentifier({ country: 'KZ', kind: 'BIN', registered: '2004-05', invalid: 'leading-zero', seed: 5 }),
      { asOf },
    );
    const iin = lib.validateIdentifier(generated, { asOf });

    // Assess: the bundle answers exactly as the library does in Node
    expect(JSON.parse(JSON.stringify(bin))).toEqual(validateIdentifier('940140000385', { asOf }));
    expect(bin.details).toMatchObject({ registered: '1994-01', entityType: 'resident_legal_entity' });
    expect(lost.errors.map((e) => e.code)).toEqual(['LEADING_ZERO_LOST']);
    expect(generated).toBe(generateIdentifier({ country: 'KZ', kind: 'IIN', birthDate: '1985-04-07', seed: 3 }));
    expect(iin).toMatchObject({ valid: true, details: { birthDate: '1985-04-07' } });
    expect([lib.isValidIdentifier('940140000385'), lib.isValidIdentifier('940140000381')]).toEqual([true, false]);
    expect(typeof lib.assessVat).toBe('function');
  });

  it('keeps the identifier functions alone within 25 KB minified and gzipped', async () => {
    // Act
    const identifiers = await bundleForBrowser(IDENTIFIER_ENTRY);
    const { lib } = await loadInBareRealm(identifiers);
    console.info(
      `browser bundle, identifier functions: ${kb(identifiers.minBytes)} min, ${kb(identifiers.gzipBytes)} min+gzip ` +
        `(whole library entry: ${kb(library.minBytes)} min, ${kb(library.gzipBytes)} min+gzip)`,
    );

    // Assess
    expect(identifiers.gzipBytes).toBeLessThanOrEqual(25 * 1024);
    expect(identifiers.minBytes).toBeLessThan(library.minBytes); // tree-shaking leaves VAT/ESF/residency out
    expect(Object.keys(lib).sort()).toEqual(['generateIdentifier', 'isValidIdentifier', 'validateIdentifier']);
    expect(lib.isValidIdentifier(lib.generateIdentifier({ country: 'KG', kind: 'PIN', seed: 1 }))).toBe(true);
  });
});
