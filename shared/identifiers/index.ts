export { kzCheckDigit } from './kz.js';
export { compact } from './normalize.js';
export type * from './types.js';
export { countryOfKind, isValidIdentifier, validateIdentifier } from './validate.js';
