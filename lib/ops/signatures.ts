// The public functions' signatures, written once for every op family. TypeScript has no types
// that take types as parameters, so each family's options are looked up by name in an interface
// (OptionsOf), generic in the array type and the rank, which every signature below indexes.
import type { SpatialRank } from '../shape';
import type { PoolArray, Tensor, TensorLike } from '../tensor';
import type { AdaptiveMaxPoolOptions, AdaptivePoolOptions } from './adaptive';
import type { AvgPoolOptions } from './avg-pool';
import type { FractionalMaxPoolOptions } from './fractional';
import type { MaxPoolOptions, MaxPoolWithIndices } from './max-pool';
import type { ModelInputOptions } from './model-input';

/** Each op family's options for arrays of type T at rank D. */
export interface OptionsOf<T extends PoolArray, D extends SpatialRank> {
  avgPool: AvgPoolOptions<T, D>;
  adaptiveAvgPool: AdaptivePoolOptions<T, D>;
  maxPool: MaxPoolOptions<T, D>;
  adaptiveMaxPool: AdaptiveMaxPoolOptions<T, D>;
  fractionalMaxPool: FractionalMaxPoolOptions<T, D>;
}

type TensorFamily = 'avgPool' | 'adaptiveAvgPool';
type MaxFamily = 'maxPool' | 'adaptiveMaxPool' | 'fractionalMaxPool';

/** The arrays a model input `outputType` gives. */
export interface FloatOutputs {
  float32: Float32Array;
  float64: Float64Array;
}
type FloatOutputName = keyof FloatOutputs;
/**
 * The result's array: the float array a model input `outputType` O names, else the input's. Not
 * distributed over a union: options typed as the exported option interfaces (whose `outputType`
 * may be either float name or absent) keep the input's array, as before these options existed.
 */
type OutputArray<T extends PoolArray, O> = [O] extends ['float32'] ? Float32Array : [O] extends ['float64'] ? Float64Array : T;
/**
 * The array kind, whatever its buffer's type: an `out` on any buffer (Buffer.alloc's are typed
 * ArrayBufferLike) fits an input on an ArrayBuffer. Buffer first: it is also a Uint8Array.
 */
type AnyBuffer<A extends PoolArray> = A extends Buffer
  ? Buffer
  : A extends Uint8ClampedArray
    ? Uint8ClampedArray
    : A extends Uint8Array
      ? Uint8Array
      : A extends Int8Array
        ? Int8Array
        : A extends Int16Array
          ? Int16Array
          : A extends Uint16Array
            ? Uint16Array
            : A extends Int32Array
              ? Int32Array
              : A extends Uint32Array
                ? Uint32Array
                : A extends Float32Array
                  ? Float32Array
                  : A extends Float64Array
                    ? Float64Array
                    : A;
/**
 * A family's options for input T, with `out` of the output's array kind; O is inferred from
 * `outputType` (absent: the input's own type).
 */
type OptionsFor<K extends keyof OptionsOf<PoolArray, 1>, T extends PoolArray, D extends SpatialRank, O> = OptionsOf<
  AnyBuffer<OutputArray<T, O>>,
  D
>[K] &
  (K extends 'fractionalMaxPool' ? unknown : { outputType?: O | Exclude<ModelInputOptions['outputType'], FloatOutputName> });

/** An op that returns one tensor: of the input's array type, or of the float array its `outputType` names. */
export type TensorFunction<K extends TensorFamily, D extends SpatialRank> = <
  T extends PoolArray,
  O extends FloatOutputName | undefined = undefined,
>(
  input: TensorLike<T>,
  options: OptionsFor<K, T, D, O>,
) => Tensor<OutputArray<T, O>>;

export type TensorAsyncFunction<K extends TensorFamily, D extends SpatialRank> = <
  T extends PoolArray,
  O extends FloatOutputName | undefined = undefined,
>(
  input: TensorLike<T>,
  options: OptionsFor<K, T, D, O>,
) => Promise<Tensor<OutputArray<T, O>>>;

/** A max op: its output, or with `returnIndices: true` the output and its indices. */
export interface MaxFunction<K extends MaxFamily, D extends SpatialRank> {
  <T extends PoolArray, O extends FloatOutputName | undefined = undefined>(
    input: TensorLike<T>,
    options: OptionsFor<K, T, D, O> & { returnIndices: true },
  ): MaxPoolWithIndices<OutputArray<T, O>>;
  <T extends PoolArray, O extends FloatOutputName | undefined = undefined>(
    input: TensorLike<T>,
    options: OptionsFor<K, T, D, O> & { returnIndices?: false },
  ): Tensor<OutputArray<T, O>>;
  <T extends PoolArray, O extends FloatOutputName | undefined = undefined>(
    input: TensorLike<T>,
    options: OptionsFor<K, T, D, O>,
  ): Tensor<OutputArray<T, O>> | MaxPoolWithIndices<OutputArray<T, O>>;
}

export interface MaxAsyncFunction<K extends MaxFamily, D extends SpatialRank> {
  <T extends PoolArray, O extends FloatOutputName | undefined = undefined>(
    input: TensorLike<T>,
    options: OptionsFor<K, T, D, O> & { returnIndices: true },
  ): Promise<MaxPoolWithIndices<OutputArray<T, O>>>;
  <T extends PoolArray, O extends FloatOutputName | undefined = undefined>(
    input: TensorLike<T>,
    options: OptionsFor<K, T, D, O> & { returnIndices?: false },
  ): Promise<Tensor<OutputArray<T, O>>>;
  <T extends PoolArray, O extends FloatOutputName | undefined = undefined>(
    input: TensorLike<T>,
    options: OptionsFor<K, T, D, O>,
  ): Promise<Tensor<OutputArray<T, O>> | MaxPoolWithIndices<OutputArray<T, O>>>;
}
