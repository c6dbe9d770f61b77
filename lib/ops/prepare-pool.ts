// What the ops share before their native call: reading the options, the input, the window and the
// output array.
import { normaliseWindow, type SpatialRank, type Window, type WindowOptions } from '../shape';
import { type InputTensor, outputArray, type PoolArray, product, readInputTensor, resultShape } from '../tensor';
import { booleanOption, checkOptionNames, isObject, typeError } from '../validate';
import { type Conversion, readConversion } from './model-input';

export interface WindowedPoolOptions<
  T extends PoolArray = PoolArray,
  D extends SpatialRank = SpatialRank,
> extends WindowOptions<D> {
  /** `(N, *spatial, C)` instead of `(N, C, *spatial)`. */
  channelsLast?: boolean;
  /** Write the result here instead of a new array. */
  out?: T;
}

/** The options every windowed op takes; each op adds its own. */
export const windowedOptionNames = ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'channelsLast', 'out'] as const;

export interface PreparedPool<W> {
  input: InputTensor;
  window: W;
  outputShape: number[];
  output: PoolArray;
  /** `output` is the caller's `out`. */
  outputFromCaller: boolean;
  /** The model input conversion asked for (ops whose options include `outputType`). */
  conversion?: Conversion;
}

/**
 * What every op with per-dim output sizes does first: read the options object (only the
 * `optionNames` it knows), the layout and the input, then the op's window (which fixes the output
 * sizes), then `out` or a new array. A window's `reads` lists further arrays the op reads, which
 * `out` must not overlap. Ops that take model input options get the output type and layout those ask for.
 */
export function preparePool<W extends { outputSize: number[]; reads?: PoolArray[] }>(
  fn: string,
  spatialDims: number,
  input: unknown,
  options: unknown,
  optionNames: ReadonlySet<string>,
  readWindow: (options: Record<string, unknown>, tensor: InputTensor) => W,
): PreparedPool<W> {
  if (!isObject(options)) throw typeError(fn, 'options', 'an object', options);
  checkOptionNames(fn, options, optionNames);
  const channelsLast = booleanOption(fn, 'channelsLast', options.channelsLast, false);
  const tensor = readInputTensor(fn, input, spatialDims, channelsLast);
  const window = readWindow(options, tensor);
  const conversion = optionNames.has('outputType') ? readConversion(fn, options, tensor) : undefined;
  const outputType = conversion?.outputType ?? tensor.arrayType;
  const outputShape =
    conversion === undefined
      ? resultShape(tensor, window.outputSize)
      : resultShape({ ...tensor, channelsLast: conversion.channelsLast }, window.outputSize);
  const reads = window.reads === undefined ? [tensor.data] : [tensor.data, ...window.reads];
  const asBuffer = tensor.isBuffer && outputType === tensor.arrayType;
  const output = outputArray(fn, 'out', options.out, outputType, product(outputShape), reads, asBuffer);
  return { input: tensor, window, outputShape, output, outputFromCaller: options.out !== undefined, conversion };
}

export function prepareWindowedPool(
  fn: string,
  spatialDims: number,
  input: unknown,
  options: unknown,
  optionNames: ReadonlySet<string>,
): PreparedPool<Window> {
  return preparePool(fn, spatialDims, input, options, optionNames, (opts, tensor) => normaliseWindow(fn, opts, tensor.spatial));
}
