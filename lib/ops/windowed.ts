// What the ops share: reading the input, the window and the output arrays, and running the call
// synchronously or off the JavaScript thread.
import { type PoolCall, runPool, runPoolAsync } from '../native';
import { normaliseWindow, type Window, type WindowOptions } from '../shape';
import { type InputTensor, outputArray, type PoolArray, product, readInputTensor, resultShape } from '../tensor';
import { booleanOption, isObject, typeError } from '../validate';

export interface WindowedPoolOptions<T extends PoolArray = PoolArray> extends WindowOptions {
  /** `(N, *spatial, C)` instead of `(N, C, *spatial)`. */
  channelsLast?: boolean;
  /** Write the result here instead of a new array. */
  out?: T;
}

export interface PreparedPool<W> {
  input: InputTensor;
  window: W;
  outputShape: number[];
  output: PoolArray;
  /** `output` is the caller's `out`. */
  outputFromCaller: boolean;
}

/**
 * What every op with per-dim output sizes does first: read the options object, the layout and
 * the input, then the op's window (which fixes the output sizes), then `out` or a new array.
 * A window's `reads` lists further arrays the op reads, which `out` must not overlap.
 */
export function preparePool<W extends { outputSize: number[]; reads?: PoolArray[] }>(
  fn: string,
  spatialDims: number,
  input: unknown,
  options: unknown,
  readWindow: (options: Record<string, unknown>, tensor: InputTensor) => W,
): PreparedPool<W> {
  if (!isObject(options)) throw typeError(fn, 'options', 'an object', options);
  const channelsLast = booleanOption(fn, 'channelsLast', options.channelsLast, false);
  const tensor = readInputTensor(fn, input, spatialDims, channelsLast);
  const window = readWindow(options, tensor);
  const outputShape = resultShape(tensor, window.outputSize);
  const reads = window.reads === undefined ? [tensor.data] : [tensor.data, ...window.reads];
  const output = outputArray(fn, 'out', options.out, tensor.arrayType, product(outputShape), reads);
  return { input: tensor, window, outputShape, output, outputFromCaller: options.out !== undefined };
}

export function prepareWindowedPool(fn: string, spatialDims: number, input: unknown, options: unknown): PreparedPool<Window> {
  return preparePool(fn, spatialDims, input, options, (opts, tensor) => normaliseWindow(fn, opts, tensor.spatial));
}

/** A validated native call and how to build the op's result once it has run. */
export interface PreparedCall<Result> {
  call: PoolCall;
  /** `status` is what the native call returned (see runPool). */
  result(status: number): Result;
}

type Prepare<Args extends unknown[], Result> = (...args: Args) => PreparedCall<Result>;

export function synchronousOp<Args extends unknown[], Result>(prepare: Prepare<Args, Result>): (...args: Args) => Result {
  return (...args) => {
    const prepared = prepare(...args);
    return prepared.result(runPool(prepared.call));
  };
}

/** Bad arguments reject rather than throw, since validation runs inside the async function. */
export function asynchronousOp<Args extends unknown[], Result>(
  fn: string,
  prepare: Prepare<Args, Result>,
): (...args: Args) => Promise<Result> {
  return async (...args) => {
    const prepared = prepare(...args);
    return prepared.result(await runPoolAsync(fn, prepared.call));
  };
}
