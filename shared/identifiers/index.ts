export { compact } from './normalize.js';
export { kzCheckDigit } from './kz.js';
export { countryOfKind, isValidIdentifier, validateIdentifier } from './validate.js';
export type * from './types.js';
