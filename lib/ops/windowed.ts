// What max and average pooling share: reading the input, the window and the output arrays.
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
  result(): Result;
}

type Prepare<Result> = (input: unknown, options: unknown) => PreparedCall<Result>;

export function synchronousOp<Result>(prepare: Prepare<Result>): (input: unknown, options: unknown) => Result {
  return (input, options) => {
    const prepared = prepare(input, options);
    runPool(prepared.call);
    return prepared.result();
  };
}

/** Bad arguments reject rather than throw, since validation runs inside the async function. */
export function asynchronousOp<Result>(prepare: Prepare<Result>): (input: unknown, options: unknown) => Promise<Result> {
  return async (input, options) => {
    const prepared = prepare(input, options);
    await runPoolAsync(prepared.call);
    return prepared.result();
  };
}
