/**
 * Salyk — the library entry point. Pure, offline domain code: no AWS, no network.
 */
export * from './identifiers/index.js';
