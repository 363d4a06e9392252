import type { Construct } from 'constructs';

/**
 * Readers for `cdk synth -c key=value` settings. Values given with `-c` arrive as strings, values in
 * cdk.json or `new App({ context })` keep their JSON type, so each reader accepts both and rejects
 * anything else with the key's name in the message.
 */

/**
 * @param scope - Any construct of the app.
 * @param key - Context key.
 * @returns The positive integer, or `undefined` when the key is not set.
 */
export function positiveIntContext(scope: Construct, key: string): number | undefined {
  const raw: unknown = scope.node.tryGetContext(key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`CDK context "${key}" must be a positive integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * @param scope - Any construct of the app.
 * @param key - Context key.
 * @returns `true`/`false` (also from the strings `'true'`/`'false'`), or `undefined` when not set.
 */
export function booleanContext(scope: Construct, key: string): boolean | undefined {
  const raw: unknown = scope.node.tryGetContext(key);
  if (raw === undefined) return undefined;
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new Error(`CDK context "${key}" must be true or false, got ${JSON.stringify(raw)}`);
}

/**
 * @param scope - Any construct of the app.
 * @param key - Context key.
 * @returns The e-mail address, or `undefined` when not set.
 */
export function emailContext(scope: Construct, key: string): string | undefined {
  const raw: unknown = scope.node.tryGetContext(key);
  if (raw === undefined || raw === '') return undefined;
  // A light check: SNS confirms the address by mail anyway; this catches a swapped argument.
  if (typeof raw !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw)) {
    throw new Error(`CDK context "${key}" must be an e-mail address, got ${JSON.stringify(raw)}`);
  }
  return raw;
}
