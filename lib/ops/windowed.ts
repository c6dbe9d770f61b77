// What the ops share: reading the input, the window and the output arrays, and running the call
// synchronously or off the JavaScript thread.
import { type PoolCall, runPool, runPoolAsync } from '../native';
import { normaliseWindow, type Window, type WindowOptions } from '../shape';
import { type InputTensor, outputArray, type PoolArray, readInputTensor, resultShape } from '../tensor';
import { booleanOption, isObject, typeError } from '../validate';

export interface WindowedPoolOptions<T extends PoolArray = PoolArray> extends WindowOptions {
  /** `(N, *spatial, C)` instead of `(N, C, *spatial)`. */
  channelsLast?: boolean;
  /** Write the result here instead of a new array. */
  out?: T;
}

export interface PreparedWindowedPool {
  input: InputTensor;
  window: Window;
  outputShape: number[];
  output: PoolArray;
}

export function prepareWindowedPool(
  fn: string,
  spatialDims: number,
  input: unknown,
  options: unknown,
): PreparedWindowedPool {
  if (!isObject(options)) throw typeError(fn, 'options', 'an object', options);
  const channelsLast = booleanOption(fn, 'channelsLast', options.channelsLast, false);
  const tensor = readInputTensor(fn, input, spatialDims, channelsLast);
  const window = normaliseWindow(fn, options, tensor.spatial);
  const outputShape = resultShape(tensor, window.outputSize);
  const length = outputShape.reduce((product, size) => product * size, 1);
  const output = outputArray(fn, 'out', options.out, tensor.arrayType, length, [tensor.data]);
  return { input: tensor, window, outputShape, output };
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
  prepare: Prepare<Args, Result>,
): (...args: Args) => Promise<Result> {
  return async (...args) => {
    const prepared = prepare(...args);
    return prepared.result(await runPoolAsync(prepared.call));
  };
}
