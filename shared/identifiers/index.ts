export {
  type GenerateOptions,
  GenerateOptionsError,
  generateIdentifier,
  generateIdentifiers,
  type InvalidityKind,
  type KgInnGenerateOptions,
  type KgPinGenerateOptions,
  type KzBinGenerateOptions,
  type KzIinGenerateOptions,
} from './generate.js';
export { kzCheckDigit } from './kz.js';
export { compact } from './normalize.js';
export type * from './types.js';
export { countryOfKind, isValidIdentifier, validateIdentifier } from './validate.js';
