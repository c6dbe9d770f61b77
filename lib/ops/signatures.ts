// The public functions' signatures, written once for every op family. TypeScript has no types
// that take types as parameters, so each family's options are looked up by name in an interface
// (OptionsOf), generic in the array type and the rank, which every signature below indexes.
import type { SpatialRank } from '../shape';
import type { PoolArray, Tensor, TensorLike } from '../tensor';
import type { AdaptiveMaxPoolOptions, AdaptivePoolOptions } from './adaptive';
import type { AvgPoolOptions } from './avg-pool';
import type { FractionalMaxPoolOptions } from './fractional';
import type { MaxPoolOptions, MaxPoolWithIndices } from './max-pool';

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

/** An op that returns one tensor of its input's array type. */
export type TensorFunction<K extends TensorFamily, D extends SpatialRank> = <T extends PoolArray>(
  input: TensorLike<T>,
  options: OptionsOf<T, D>[K],
) => Tensor<T>;

export type TensorAsyncFunction<K extends TensorFamily, D extends SpatialRank> = <T extends PoolArray>(
  input: TensorLike<T>,
  options: OptionsOf<T, D>[K],
) => Promise<Tensor<T>>;

/** A max op: its output, or with `returnIndices: true` the output and its indices. */
export interface MaxFunction<K extends MaxFamily, D extends SpatialRank> {
  <T extends PoolArray>(input: TensorLike<T>, options: OptionsOf<T, D>[K] & { returnIndices: true }): MaxPoolWithIndices<T>;
  <T extends PoolArray>(input: TensorLike<T>, options: OptionsOf<T, D>[K] & { returnIndices?: false }): Tensor<T>;
  <T extends PoolArray>(input: TensorLike<T>, options: OptionsOf<T, D>[K]): Tensor<T> | MaxPoolWithIndices<T>;
}

export interface MaxAsyncFunction<K extends MaxFamily, D extends SpatialRank> {
  <T extends PoolArray>(
    input: TensorLike<T>,
    options: OptionsOf<T, D>[K] & { returnIndices: true },
  ): Promise<MaxPoolWithIndices<T>>;
  <T extends PoolArray>(input: TensorLike<T>, options: OptionsOf<T, D>[K] & { returnIndices?: false }): Promise<Tensor<T>>;
  <T extends PoolArray>(input: TensorLike<T>, options: OptionsOf<T, D>[K]): Promise<Tensor<T> | MaxPoolWithIndices<T>>;
}
