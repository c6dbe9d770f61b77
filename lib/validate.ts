// Small reusable checks and the one error factory every poolnd error comes from.
import { inspect } from 'node:util';

export type ErrorCode =
  | 'ERR_POOLND_INVALID_ARG_TYPE'
  | 'ERR_POOLND_INVALID_ARG_VALUE'
  | 'ERR_POOLND_SHAPE_MISMATCH'
  | 'ERR_POOLND_PADDING_TOO_LARGE'
  | 'ERR_POOLND_OUTPUT_TOO_SMALL'
  | 'ERR_POOLND_OUTPUT_TOO_LARGE'
  | 'ERR_POOLND_OUT_SIZE_MISMATCH'
  | 'ERR_POOLND_OUT_OVERLAP'
  | 'ERR_POOLND_INDEX_OUT_OF_RANGE'
  | 'ERR_POOLND_DETACHED'
  | 'ERR_POOLND_UNKNOWN_OPTION';

export type PoolndError = (TypeError | RangeError) & { code: ErrorCode };

// A typed array (or Buffer) in a message: its kind and length, never its contents.
function typedArraySummary(value: unknown): string | undefined {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return undefined;
  const kind = Buffer.isBuffer(value) ? 'Buffer' : (Object.prototype.toString.call(value) as string).slice(8, -1);
  return `${kind}(${(value as unknown as { length: number }).length})`;
}

// The value with typed arrays among its own data properties (two levels down) summarised, for
// inspect. Getters are left alone: a message must not run the caller's code.
function summarised(value: unknown, depth: number): unknown {
  const summary = typedArraySummary(value);
  if (summary !== undefined) return { [inspect.custom]: () => summary };
  if (depth === 0 || typeof value !== 'object' || value === null) return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) return value.length > 8 ? value : value.map((entry) => summarised(entry, depth - 1));
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
    if (!('value' in descriptor)) return value;
    copy[key] = summarised(descriptor.value, depth - 1);
  }
  return copy;
}

/** A short, faithful rendering of a received value for error messages, on one line. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  const options = { depth: 2, maxArrayLength: 8, maxStringLength: 40, breakLength: Infinity };
  if (typeof value !== 'object' || value === null) return inspect(value, options);
  // A Proxy may throw from its traps: then it is shown as inspect shows it, without its traps.
  try {
    return inspect(summarised(value, 2), options);
  } catch {
    return inspect(value, { ...options, showProxy: true });
  }
}

/**
 * The error factory: `poolnd: <fn>: <subject> must be <expected>, received <value>`.
 * TypeError for a value of the wrong type, RangeError for a bad value of the right type.
 */
export function poolError(
  kind: 'type' | 'range',
  code: ErrorCode,
  fn: string,
  subject: string,
  expected: string,
  received: unknown,
): PoolndError {
  const message = `poolnd: ${fn}: ${subject} must be ${expected}, received ${describe(received)}`;
  const error = (kind === 'type' ? new TypeError(message) : new RangeError(message)) as PoolndError;
  error.code = code;
  return error;
}

export function typeError(fn: string, subject: string, expected: string, received: unknown): PoolndError {
  return poolError('type', 'ERR_POOLND_INVALID_ARG_TYPE', fn, subject, expected, received);
}

export function rangeError(
  fn: string,
  subject: string,
  expected: string,
  received: unknown,
  code: ErrorCode = 'ERR_POOLND_INVALID_ARG_VALUE',
): PoolndError {
  return poolError('range', code, fn, subject, expected, received);
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export const isNumber = (value: unknown): value is number => typeof value === 'number';

export const isInteger = (value: unknown): value is number => Number.isInteger(value);

export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

export const isArray = (value: unknown): value is unknown[] => Array.isArray(value);

/** Whether a value is an integer in [minimum, Number.MAX_SAFE_INTEGER]. */
export const isIntegerAtLeast = (value: unknown, minimum: number): value is number =>
  isInteger(value) && value >= minimum && value <= Number.MAX_SAFE_INTEGER;

function integerError(fn: string, subject: string, value: unknown, minimum: number): PoolndError {
  if (!isInteger(value)) return typeError(fn, subject, 'an integer', value);
  return rangeError(fn, subject, minimum === 0 ? 'a non-negative safe integer' : `a safe integer >= ${minimum}`, value);
}

/** An integer in [minimum, Number.MAX_SAFE_INTEGER], or throws naming the subject. */
/** A number that is finite: a TypeError for anything else, a RangeError for NaN and the infinities. */
export function finiteNumber(fn: string, subject: string, value: unknown): number {
  if (!isNumber(value)) throw typeError(fn, subject, 'a number', value);
  if (!Number.isFinite(value)) throw rangeError(fn, subject, 'a finite number', value);
  return value;
}

export function integerAtLeast(fn: string, subject: string, value: unknown, minimum: number): number {
  if (isIntegerAtLeast(value, minimum)) return value;
  throw integerError(fn, subject, value, minimum);
}

/**
 * A copy of an array of integers, each in [minimum, Number.MAX_SAFE_INTEGER], or throws naming
 * the entry `entrySubject(index)`. (Calls are hot: a name is only built for its error.)
 */
export function integersAtLeast(
  fn: string,
  entrySubject: (index: number) => string,
  values: readonly unknown[],
  minimum: number,
): number[] {
  // Each entry is read once, so a getter cannot pass the check and then change.
  const integers = new Array<number>(values.length);
  for (let index = 0; index < integers.length; index++) {
    const value = values[index];
    if (!isIntegerAtLeast(value, minimum)) throw integerError(fn, entrySubject(index), value, minimum);
    integers[index] = value;
  }
  return integers;
}

// Levenshtein distance, for suggesting the option a misspelt one meant.
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * Options objects are strict: a key the function does not know (with a value other than
 * undefined) is a TypeError naming it and the closest known one, never silently ignored.
 */
export function checkOptionNames(fn: string, options: Record<string, unknown>, known: ReadonlySet<string>): void {
  // for-in and a Set: no array per call, and every op call passes here. Own keys only, as
  // Object.keys lists them.
  for (const key in options) {
    if (known.has(key) || !Object.hasOwn(options, key)) continue;
    const value = options[key];
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    const closest = [...known].reduce((best, name) =>
      editDistance(lower, name.toLowerCase()) < editDistance(lower, best.toLowerCase()) ? name : best,
    );
    const error = new TypeError(
      `poolnd: ${fn}: unknown option '${key}' (did you mean '${closest}'?), received ${describe(value)}; ` +
        `${fn} takes ${[...known].join(', ')}`,
    ) as PoolndError;
    error.code = 'ERR_POOLND_UNKNOWN_OPTION';
    throw error;
  }
}

/** A boolean option, or its default when absent. */
export function booleanOption(fn: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (!isBoolean(value)) throw typeError(fn, `option '${name}'`, 'a boolean', value);
  return value;
}

/**
 * A size option given as one integer (for every dim) or one integer per dim.
 * Returns `dims` integers, each at least `minimum`.
 */
export function integerTupleOption(fn: string, name: string, value: unknown, dims: number, minimum: number): number[] {
  if (isArray(value)) {
    if (value.length !== dims) {
      throw rangeError(fn, `option '${name}'`, `one integer or an array of ${dims}`, value);
    }
    return integersAtLeast(fn, (dim) => `option '${name}[${dim}]'`, value, minimum);
  }
  if (!isNumber(value)) {
    throw typeError(fn, `option '${name}'`, `an integer or an array of ${dims} integers`, value);
  }
  if (!isIntegerAtLeast(value, minimum)) throw integerError(fn, `option '${name}'`, value, minimum);
  return repeated(value, dims);
}

/** `count` copies of a value (literals for the spatial ranks, which V8 allocates at their size). */
export function repeated(value: number, count: number): number[] {
  if (count === 1) return [value];
  if (count === 2) return [value, value];
  if (count === 3) return [value, value, value];
  return new Array<number>(count).fill(value);
}
