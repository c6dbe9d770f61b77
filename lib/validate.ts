// Small reusable checks and the one error factory every poolnd error comes from.
import { inspect } from 'node:util';

export type ErrorCode =
  | 'ERR_POOLND_INVALID_ARG_TYPE'
  | 'ERR_POOLND_INVALID_ARG_VALUE'
  | 'ERR_POOLND_SHAPE_MISMATCH'
  | 'ERR_POOLND_PADDING_TOO_LARGE'
  | 'ERR_POOLND_OUTPUT_TOO_SMALL'
  | 'ERR_POOLND_OUT_SIZE_MISMATCH'
  | 'ERR_POOLND_OUT_OVERLAP'
  | 'ERR_POOLND_INDEX_OUT_OF_RANGE';

export type PoolndError = (TypeError | RangeError) & { code: ErrorCode };

/** A short, faithful rendering of a received value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return inspect(value, { depth: 2, maxArrayLength: 8, maxStringLength: 40, breakLength: Infinity });
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

export const isDefined = (value: unknown): boolean => value !== undefined;

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

export const isNumber = (value: unknown): value is number => typeof value === 'number';

export const isInteger = (value: unknown): value is number => Number.isInteger(value);

export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

export const isArray = (value: unknown): value is unknown[] => Array.isArray(value);

/** An integer in [minimum, Number.MAX_SAFE_INTEGER], or throws naming the subject. */
export function integerAtLeast(fn: string, subject: string, value: unknown, minimum: number): number {
  if (!isInteger(value)) throw typeError(fn, subject, 'an integer', value);
  if (value < minimum || value > Number.MAX_SAFE_INTEGER) {
    throw rangeError(fn, subject, minimum === 0 ? 'a non-negative safe integer' : `a safe integer >= ${minimum}`, value);
  }
  return value;
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
    return value.map((entry, dim) => integerAtLeast(fn, `option '${name}[${dim}]'`, entry, minimum));
  }
  if (!isNumber(value)) {
    throw typeError(fn, `option '${name}'`, `an integer or an array of ${dims} integers`, value);
  }
  const size = integerAtLeast(fn, `option '${name}'`, value, minimum);
  return new Array<number>(dims).fill(size);
}
