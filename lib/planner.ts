// Layer planning: output shapes, parameters and work of a stack of conv, pooling, flatten and
// linear layers, worked out in TypeScript without running anything (the course's cost sums).
import {
  adaptiveOutputSize,
  normaliseWindow,
  type Padding,
  type PerDim,
  type SpatialRank,
  unpoolWindow,
  type WindowRules,
} from './shape';
import { product, readShape } from './tensor';
import {
  booleanOption,
  checkOptionNames,
  integerAtLeast,
  integerTupleOption,
  integersAtLeast,
  isArray,
  isObject,
  rangeError,
  typeError,
} from './validate';

/** A convolution's window: pooling's output formula without ceil mode or a padding limit. */
export interface ConvWindowOptions<D extends SpatialRank = SpatialRank> {
  /** Kernel size: one number for every spatial dim, or one per dim (PyTorch's `kernel_size`). */
  kernelSize: number | PerDim<number, D>;
  /** @default 1 (PyTorch's default for convolutions, unlike pooling's) */
  stride?: number | PerDim<number, D>;
  /** A number, one per dim, `[begin, end]` pairs, `'valid'` or `'same'` (output = ceil(in / stride)). @default 0 */
  padding?: Padding<D>;
  /** @default 1 */
  dilation?: number | PerDim<number, D>;
}

export interface ConvOptions<D extends SpatialRank = SpatialRank> extends ConvWindowOptions<D> {
  /** Output channels (PyTorch's `out_channels`). */
  outChannels: number;
  /** Channel groups; both channel counts must divide by it (PyTorch's `groups`). @default 1 */
  groups?: number;
  /** A bias per output channel (PyTorch's `bias`). @default true */
  bias?: boolean;
}

const convWindowNames = new Set(['kernelSize', 'stride', 'padding', 'dilation']);
const convNames = new Set([...convWindowNames, 'outChannels', 'groups', 'bias']);

// Output sizes of a convolution over `inputSpatial` (each at least 1, or a RangeError): pooling's
// window arithmetic with a convolution's rules. Its options never hold ceilMode (their names are checked).
const convolutionRules: WindowRules = { strideDefaultsToKernel: false, paddingAtMostHalfKernel: false };
function convSpatial(fn: string, options: Record<string, unknown>, inputSpatial: number[]): number[] {
  return normaliseWindow(fn, options, inputSpatial, convolutionRules).outputSize;
}

/**
 * A convolution's output size along one dim: `floor((in + padBegin + padEnd - dilation * (k - 1) - 1) / stride) + 1`.
 * @example
 * convOutputSize(7, { kernelSize: 3 }); // 5
 * convOutputSize(7, { kernelSize: 3, stride: 2 }); // 3
 * convOutputSize(28, { kernelSize: 5, padding: 'same' }); // 28
 */
export function convOutputSize(inputSize: number, options: ConvWindowOptions<1>): number {
  const fn = 'convOutputSize';
  const size = integerAtLeast(fn, 'inputSize', inputSize, 1);
  if (!isObject(options)) throw typeError(fn, 'options', 'an object', options);
  checkOptionNames(fn, options, convWindowNames);
  // A lone [begin, end] pair is this dim's padding.
  const padding = isArray(options.padding) ? [options.padding] : options.padding;
  return convSpatial(fn, { ...options, padding }, [size])[0];
}

/**
 * A convolution's whole output shape for `(N, C, *spatial)` (or unbatched `(C, *spatial)`): the
 * batch, `outChannels`, and each spatial size by {@link convOutputSize}'s formula.
 * @example
 * convOutputShape([1, 128, 100, 100], 2, { outChannels: 256, kernelSize: 5, padding: 2 }); // [1, 256, 100, 100]
 */
export function convOutputShape<D extends SpatialRank>(
  inputShape: readonly number[],
  spatialDims: D,
  options: ConvOptions<D>,
): number[] {
  const fn = 'convOutputShape';
  return convLayer(fn, inputShape, spatialDims, options).outputShape;
}

interface LayerCost {
  outputShape: number[];
  weights: number;
  bias: number;
  macs: number;
  /** Work that is not multiply-accumulates: a pooling's comparisons or additions, one per tap. */
  operations: number;
}

function convLayer(fn: string, inputShape: readonly number[], spatialDims: number, options: unknown): LayerCost {
  if (spatialDims !== 1 && spatialDims !== 2 && spatialDims !== 3) throw rangeError(fn, 'spatialDims', '1, 2 or 3', spatialDims);
  if (!isObject(options)) throw typeError(fn, 'options', 'an object', options);
  checkOptionNames(fn, options, convNames);
  const parts = readShape(fn, 'inputShape', inputShape, spatialDims, false);
  const outChannels = integerAtLeast(fn, "option 'outChannels'", options.outChannels, 1);
  const groups = options.groups === undefined ? 1 : integerAtLeast(fn, "option 'groups'", options.groups, 1);
  if (parts.channels % groups !== 0 || outChannels % groups !== 0) {
    throw rangeError(
      fn,
      "option 'groups'",
      `a divisor of both channel counts (${parts.channels} in, ${outChannels} out)`,
      groups,
    );
  }
  const hasBias = booleanOption(fn, 'bias', options.bias, true);
  const spatial = convSpatial(fn, options, parts.spatial);
  const outputShape = parts.batched ? [parts.batch, outChannels, ...spatial] : [outChannels, ...spatial];
  const kernelTaps = product(integerTupleOption(fn, 'kernelSize', options.kernelSize, spatialDims, 1));
  const inPerGroup = parts.channels / groups;
  return {
    outputShape,
    weights: outChannels * inPerGroup * kernelTaps,
    bias: hasBias ? outChannels : 0,
    macs: product(outputShape) * inPerGroup * kernelTaps,
    operations: 0,
  };
}

/** A convolution layer (PyTorch's `nn.Conv1d/2d/3d`; the rank is the input's). */
export interface ConvLayer extends ConvOptions {
  type: 'conv';
  name?: string;
}

/** Flattens every dim after the batch into one (PyTorch's `nn.Flatten()`). */
export interface FlattenLayer {
  type: 'flatten';
  name?: string;
}

/** A fully connected layer over the last dim (PyTorch's `nn.Linear`). */
export interface LinearLayer {
  type: 'linear';
  name?: string;
  /** Output features (PyTorch's `out_features`). */
  outFeatures: number;
  /** @default true */
  bias?: boolean;
}

/** Names of poolnd's pooling ops that a plan can hold, with the op's own options. */
export type PoolingLayerType =
  | `${'maxPool' | 'avgPool' | 'lpPool' | 'adaptiveAvgPool' | 'adaptiveMaxPool' | 'maxUnpool'}${1 | 2 | 3}d`
  | 'globalAvgPool'
  | 'globalMaxPool';

/** A pooling layer: the op's name and its options (0 parameters). */
export interface PoolingLayer {
  type: PoolingLayerType;
  name?: string;
  [option: string]: unknown;
}

export type Layer = ConvLayer | FlattenLayer | LinearLayer | PoolingLayer;

/** One layer of a plan. `macs` are multiply-accumulates; `flops` counts each as 2 (a multiply and an add). */
export interface PlannedLayer {
  name: string;
  type: string;
  outputShape: number[];
  /** weights + bias */
  parameters: number;
  weights: number;
  bias: number;
  macs: number;
  /** 2 × macs, plus a pooling's comparisons or additions (one per tap). */
  flops: number;
  /** The output's bytes at the plan's element size (float32: 4). */
  outputBytes: number;
}

export interface LayerPlan {
  inputShape: number[];
  layers: PlannedLayer[];
  totals: Pick<PlannedLayer, 'parameters' | 'weights' | 'bias' | 'macs' | 'flops' | 'outputBytes'>;
}

export interface PlanOptions {
  /** Bytes per element for `outputBytes`. @default 4 (float32) */
  bytesPerElement?: number;
}

const poolingTypes = /^(maxPool|avgPool|lpPool|adaptiveAvgPool|adaptiveMaxPool|maxUnpool)([123])d$|^global(Avg|Max)Pool$/;
const poolingNames: Record<string, readonly string[]> = {
  maxPool: ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'returnIndices'],
  avgPool: ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'countIncludePad', 'divisorOverride'],
  lpPool: ['normType', 'kernelSize', 'stride', 'ceilMode'],
  adaptiveAvgPool: ['outputSize'],
  adaptiveMaxPool: ['outputSize', 'returnIndices'],
  maxUnpool: ['kernelSize', 'stride', 'padding', 'outputSize'],
  global: [],
};

// Taps an adaptive window covers along one dim, summed over its windows.
function adaptiveTaps(input: number, output: number): number {
  let taps = 0;
  for (let i = 0; i < output; i++) taps += Math.ceil(((i + 1) * input) / output) - Math.floor((i * input) / output);
  return taps;
}

function poolingLayer(fn: string, type: string, shape: number[], options: Record<string, unknown>): LayerCost {
  const match = poolingTypes.exec(type)!;
  const family = match[1] ?? 'global';
  const spatialDims = match[2] === undefined ? shape.length - 2 : Number(match[2]);
  checkOptionNames(fn, options, new Set(['type', 'name', ...poolingNames[family]]));
  if (spatialDims < 1 || shape.length !== spatialDims + 2) {
    throw rangeError(
      fn,
      'the input shape',
      `(N, C, *spatial) with ${spatialDims < 1 ? 'at least 1' : spatialDims} spatial dims for ${type}`,
      shape,
      'ERR_POOLND_SHAPE_MISMATCH',
    );
  }
  const [batch, channels, ...spatial] = shape;
  const planes = batch * channels;
  let outputSpatial: number[];
  let operations: number;
  if (family === 'global') {
    outputSpatial = spatial.map(() => 1);
    operations = planes * product(spatial);
  } else if (family === 'adaptiveAvgPool' || family === 'adaptiveMaxPool') {
    outputSpatial = adaptiveOutputSize(fn, options.outputSize, spatial);
    operations = planes * product(spatial.map((size, dim) => adaptiveTaps(size, outputSpatial[dim])));
  } else if (family === 'maxUnpool') {
    outputSpatial = unpoolWindow(fn, options, spatial).outputSize;
    operations = 0; // a scatter: writes, no arithmetic
  } else {
    if (family === 'lpPool' && !('normType' in options)) throw typeError(fn, "option 'normType'", 'given', undefined);
    const window = normaliseWindow(fn, options, spatial);
    outputSpatial = window.outputSize;
    operations = planes * product(outputSpatial) * product(window.kernelSize);
  }
  return { outputShape: [batch, channels, ...outputSpatial], weights: 0, bias: 0, macs: 0, operations };
}

/**
 * Works through a stack of layers from an input shape `(N, C, *spatial)`: each layer's output
 * shape, parameters (weights and bias), multiply-accumulates (MACs; the course's "FLOPs" are
 * these), FLOPs (2 × MACs, plus a pooling's comparisons or additions, one per tap) and output
 * bytes, with totals. A conv's rank is its input's; its MACs are
 * `outputElements * (inChannels / groups) * prod(kernelSize)`.
 * @example
 * planLayers([1, 128, 100, 100], [
 *   { type: 'conv', outChannels: 32, kernelSize: 1 },
 *   { type: 'conv', outChannels: 256, kernelSize: 5, padding: 2 },
 *   { type: 'maxPool2d', kernelSize: 2 },
 * ]).totals.macs; // 2,088,960,000
 */
export function planLayers(inputShape: readonly number[], layers: readonly Layer[], options: PlanOptions = {}): LayerPlan {
  const fn = 'planLayers';
  if (!isArray(inputShape)) throw typeError(fn, 'inputShape', 'an array of integers', inputShape);
  const input = integersAtLeast(fn, (dim) => `inputShape[${dim}]`, inputShape, 1);
  if (input.length < 2)
    throw rangeError(fn, 'inputShape', '(N, C, *spatial) or (N, features)', inputShape, 'ERR_POOLND_SHAPE_MISMATCH');
  if (!isArray(layers)) throw typeError(fn, 'layers', 'an array of layers', layers);
  if (!isObject(options)) throw typeError(fn, 'options', 'an object', options);
  checkOptionNames(fn, options, new Set(['bytesPerElement']));
  const bytesPerElement =
    options.bytesPerElement === undefined ? 4 : integerAtLeast(fn, "option 'bytesPerElement'", options.bytesPerElement, 1);
  let shape = input;
  const planned = (layers as readonly unknown[]).map((layer, index): PlannedLayer => {
    const subject = `layers[${index}]`;
    if (!isObject(layer)) throw typeError(fn, subject, 'a layer { type, ... }', layer);
    const layerFn = `${fn}: ${subject}`;
    const type = layer.type;
    let cost: LayerCost;
    if (type === 'conv') {
      if (shape.length < 3 || shape.length > 5) {
        throw rangeError(
          layerFn,
          'its input',
          '(N, C, *spatial) with 1 to 3 spatial dims, as a conv takes',
          shape,
          'ERR_POOLND_SHAPE_MISMATCH',
        );
      }
      const convOptions: Record<string, unknown> = { ...layer };
      delete convOptions.type;
      delete convOptions.name;
      cost = convLayer(layerFn, shape, shape.length - 2, convOptions);
    } else if (type === 'flatten') {
      checkOptionNames(layerFn, layer, new Set(['type', 'name']));
      cost = { outputShape: [shape[0], product(shape.slice(1))], weights: 0, bias: 0, macs: 0, operations: 0 };
    } else if (type === 'linear') {
      checkOptionNames(layerFn, layer, new Set(['type', 'name', 'outFeatures', 'bias']));
      const outFeatures = integerAtLeast(layerFn, "option 'outFeatures'", layer.outFeatures, 1);
      const inFeatures = shape[shape.length - 1];
      const outputShape = [...shape.slice(0, -1), outFeatures];
      cost = {
        outputShape,
        weights: inFeatures * outFeatures,
        bias: booleanOption(layerFn, 'bias', layer.bias, true) ? outFeatures : 0,
        macs: product(outputShape) * inFeatures,
        operations: 0,
      };
    } else if (typeof type === 'string' && poolingTypes.test(type)) {
      cost = poolingLayer(layerFn, type, shape, layer);
    } else {
      throw typeError(
        fn,
        `${subject}.type`,
        "'conv', 'flatten', 'linear' or a pooling op's name ('maxPool2d', 'globalAvgPool', ...)",
        type,
      );
    }
    if (layer.name !== undefined && typeof layer.name !== 'string')
      throw typeError(fn, `${subject}.name`, 'a string', layer.name);
    shape = cost.outputShape;
    return {
      name: (layer.name as string | undefined) ?? `${type as string} ${index + 1}`,
      type: type as string,
      outputShape: cost.outputShape,
      parameters: cost.weights + cost.bias,
      weights: cost.weights,
      bias: cost.bias,
      macs: cost.macs,
      flops: 2 * cost.macs + cost.operations,
      outputBytes: product(cost.outputShape) * bytesPerElement,
    };
  });
  const total = (key: keyof LayerPlan['totals']) => planned.reduce((sum, layer) => sum + layer[key], 0);
  return {
    inputShape: input,
    layers: planned,
    totals: {
      parameters: total('parameters'),
      weights: total('weights'),
      bias: total('bias'),
      macs: total('macs'),
      flops: total('flops'),
      outputBytes: total('outputBytes'),
    },
  };
}
