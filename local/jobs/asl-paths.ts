/**
 * The JSONPath subset the job definition uses, as Step Functions applies it: reference paths (`$`,
 * `$.a.b`, `$$.Execution.Id`), `Parameters` templates whose `key.$` fields take values from paths, and
 * `ResultPath` (`null` keeps the input, `$` replaces it, `$.a.b` sets a field).
 */

/** The context object (`$$`) as far as the definition reads it. */
export interface ContextObject {
  Execution: { Id: string; Name: string; StartTime: string };
  State: { Name: string; RetryCount: number; EnteredTime: string };
}

/** A state's input or a path target that is not what the definition expects: a runtime error, as in AWS. */
class PathError extends Error {
  override readonly name = 'States.Runtime';
}

function segments(path: string): string[] {
  if (!/^\$(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(path)) throw new PathError(`unsupported path ${path}`);
  return path.split('.').slice(1);
}

/** The value at a reference path (`$…` in the input, `$$…` in the context object). */
function readPath(path: string, input: unknown, context: ContextObject): unknown {
  const [root, rest] = path.startsWith('$$') ? [context as unknown, path.slice(1)] : [input, path];
  let value = root;
  for (const key of segments(rest)) {
    if (value === null || typeof value !== 'object' || !(key in value))
      throw new PathError(`path ${path} matches nothing in the input`);
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A `Parameters` (or `BatchInput`) template applied to an input. */
export function applyTemplate(template: unknown, input: unknown, context: ContextObject): unknown {
  if (Array.isArray(template)) return template.map((t) => applyTemplate(t, input, context));
  if (template === null || typeof template !== 'object') return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) out[key.slice(0, -2)] = readPath(String(value), input, context);
    else out[key] = applyTemplate(value, input, context);
  }
  return out;
}

/** Where a state's result goes in its output. */
export function applyResultPath(input: unknown, result: unknown, resultPath: string | null | undefined): unknown {
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === '$') return result;
  const keys = segments(resultPath);
  const output = structuredClone(input ?? {}) as Record<string, unknown>;
  let target = output;
  for (const key of keys.slice(0, -1)) {
    const next = target[key];
    if (next === null || typeof next !== 'object') target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys[keys.length - 1] ?? ''] = result;
  return output;
}
