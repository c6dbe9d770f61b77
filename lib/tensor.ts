// Tensors: the typed arrays poolnd accepts, reading an input tensor, and output arrays.
import { integersAtLeast, isArray, isObject, rangeError, typeError } from './validate';

export type PoolArray =
  Float32Array | Float64Array | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array;

export interface Tensor<T extends PoolArray = PoolArray> {
  data: T;
  shape: number[];
}

/**
 * An input tensor: `shape`, or `dims` as onnxruntime-node's Tensor has. A `type` field, as
 * onnxruntime-node's Tensor carries, must name the array's element type.
 */
export type TensorLike<T extends PoolArray = PoolArray> =
  { data: T; shape: readonly number[]; type?: string } | { data: T; dims: readonly number[]; type?: string };

export type ArrayTypeName =
  | 'Float32Array'
  | 'Float64Array'
  | 'Int8Array'
  | 'Uint8Array'
  | 'Uint8ClampedArray'
  | 'Int16Array'
  | 'Uint16Array'
  | 'Int32Array'
  | 'Uint32Array';

interface PoolArrayConstructor {
  readonly BYTES_PER_ELEMENT: number;
  new (length: number): PoolArray;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): PoolArray;
}

const arrayConstructors: Record<ArrayTypeName, PoolArrayConstructor> = {
  Float32Array,
  Float64Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
};

export const arrayTypeNames = Object.keys(arrayConstructors) as ArrayTypeName[];

// A typed array's own properties can shadow `length`, `buffer`, `byteOffset`, `byteLength`,
// `constructor` and `set`; poolnd reads a caller's array only through %TypedArray%.prototype's
// own getters and methods, so its checks see the memory the kernels get.
const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const intrinsic = (key: PropertyKey) => Object.getOwnPropertyDescriptor(typedArrayPrototype, key)!;
// It reports the built-in kind, also for subclasses such as Buffer and for arrays from other
// realms, and undefined for anything else.
const typedArrayTag = intrinsic(Symbol.toStringTag).get!;
const lengthGetter = intrinsic('length').get!;
const bufferGetter = intrinsic('buffer').get!;
const byteOffsetGetter = intrinsic('byteOffset').get!;
const byteLengthGetter = intrinsic('byteLength').get!;
const setMethod = intrinsic('set').value as (this: PoolArray, source: ArrayLike<number>) => void;

/** The kind of a PoolArray (a Buffer is a 'Uint8Array'), or undefined for anything else. */
export function arrayTypeName(value: unknown): ArrayTypeName | undefined {
  const tag = typedArrayTag.call(value) as string | undefined;
  return tag !== undefined && tag in arrayConstructors ? (tag as ArrayTypeName) : undefined;
}

export const arrayLength = (array: PoolArray): number => lengthGetter.call(array) as number;
export const arrayBuffer = (array: PoolArray): ArrayBufferLike => bufferGetter.call(array) as ArrayBufferLike;
export const arrayByteOffset = (array: PoolArray): number => byteOffsetGetter.call(array) as number;
export const arrayByteLength = (array: PoolArray): number => byteLengthGetter.call(array) as number;

// ArrayBuffer's own byteLength getter: it throws for a SharedArrayBuffer (a brand check that a
// swapped prototype cannot fool), and reads past any property shadowing it.
const plainBufferBytes = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;

/** Whether an array's buffer is a SharedArrayBuffer. */
export function isSharedArray(array: PoolArray): boolean {
  try {
    plainBufferBytes.call(arrayBuffer(array));
    return false;
  } catch {
    return true;
  }
}

/** The byte length of a non-shared array's whole buffer (0 once detached). */
export const bufferByteLength = (array: PoolArray): number => plainBufferBytes.call(arrayBuffer(array)) as number;

// Node 20 and later; undefined before.
const resizableGetter = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'resizable')?.get;

/** Whether an array's buffer is a resizable (non-shared) ArrayBuffer, which can shrink under it. */
export function hasResizableBuffer(array: PoolArray): boolean {
  try {
    return resizableGetter?.call(arrayBuffer(array)) === true;
  } catch {
    return false; // a SharedArrayBuffer: it can only grow
  }
}

/** A new zeroed array of the same kind and length (whatever its own `constructor` says). */
export const arrayLike = <T extends PoolArray>(array: T): T =>
  new arrayConstructors[arrayTypeName(array)!](arrayLength(array)) as T;

/** Copies `source` into `target` (same kind and length) through the intrinsic `set`; returns target. */
export function copyInto<T extends PoolArray>(target: T, source: T): T {
  setMethod.call(target, source);
  return target;
}

export function isFloatArrayType(name: ArrayTypeName): boolean {
  return name === 'Float32Array' || name === 'Float64Array';
}

/**
 * Where large results get their memory (lib/native.ts installs the addon's): an
 * ArrayBuffer of at least `byteLength` bytes, or undefined to use the engine's own. Set once, at load.
 */
export interface ResultMemory {
  smallestBytes: number;
  buffer(byteLength: number): ArrayBuffer | undefined;
}
let resultMemory: ResultMemory | undefined;
export function useResultMemory(memory: ResultMemory): void {
  resultMemory = memory;
}

/** The element type names of ONNX (and onnxruntime-node's Tensor `type`) each array holds. */
const elementTypes: Record<ArrayTypeName, string> = {
  Float32Array: 'float32',
  Float64Array: 'float64',
  Int8Array: 'int8',
  Uint8Array: 'uint8',
  Uint8ClampedArray: 'uint8',
  Int16Array: 'int16',
  Uint16Array: 'uint16',
  Int32Array: 'int32',
  Uint32Array: 'uint32',
};

/** An array type's element type name: 'float32' for Float32Array ('uint8' for Uint8ClampedArray too). */
export const elementTypeName = (arrayType: ArrayTypeName): string => elementTypes[arrayType];

// A tensor's own `type`, when it has one, must be its array's: a float16 tensor holds its
// values as uint16 bits, and pooling those bits would be a wrong answer, not an error.
function checkElementType(fn: string, subject: string, type: unknown, arrayType: ArrayTypeName): void {
  if (type === undefined || type === elementTypes[arrayType]) return;
  const known = Object.values(elementTypes).includes(type as string);
  const expected = known
    ? `'${elementTypes[arrayType]}', the type of its data (a ${arrayType})`
    : `'${elementTypes[arrayType]}' (the type of its data, a ${arrayType}); poolnd pools ` +
      `${[...new Set(Object.values(elementTypes))].join(', ')} tensors only, so convert this one first`;
  throw typeError(fn, subject, expected, type);
}

/** A Node Buffer: results for a Buffer input are Buffers too. */
export const isNodeBuffer = (array: PoolArray): boolean => Buffer.isBuffer(array);

/** A new array for a result; one too large for a typed array, or for memory, is a RangeError. */
function allocateArray(fn: string, name: string, arrayType: ArrayTypeName, length: number, asBuffer: boolean): PoolArray {
  const Constructor = arrayConstructors[arrayType];
  const byteLength = length * Constructor.BYTES_PER_ELEMENT;
  try {
    // Its contents are not zeroed: every element of a result is written before it is returned.
    const buffer =
      resultMemory !== undefined && byteLength >= resultMemory.smallestBytes ? resultMemory.buffer(byteLength) : undefined;
    if (asBuffer) return buffer === undefined ? Buffer.allocUnsafeSlow(length) : Buffer.from(buffer, 0, length);
    return buffer === undefined ? new Constructor(length) : new Constructor(buffer, 0, length);
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause;
    const subject = `the new array for option '${name}' (${arrayType})`;
    throw rangeError(
      fn,
      subject,
      `of a length this process can allocate (${cause.message})`,
      length,
      'ERR_POOLND_OUTPUT_TOO_LARGE',
    );
  }
}

const poolArrayNames = Object.keys(arrayConstructors).join(', ');

/** The number of elements of a shape (or of a list of sizes). */
export const product = (sizes: readonly number[]): number => sizes.reduce((total, size) => total * size, 1);

/** A validated input tensor, split into batch, channels and spatial sizes. */
export interface InputTensor {
  data: PoolArray;
  arrayType: ArrayTypeName;
  shape: number[];
  batched: boolean;
  channelsLast: boolean;
  batch: number;
  channels: number;
  spatial: number[];
  /** `data` is a Node Buffer. */
  isBuffer: boolean;
}

/** Checks a shape for an op with `spatialDims` spatial dims and splits it. */
export function readShape(
  fn: string,
  subject: string,
  shape: unknown,
  spatialDims: number,
  channelsLast: boolean,
): Pick<InputTensor, 'shape' | 'batched' | 'batch' | 'channels' | 'spatial'> {
  if (!isArray(shape)) throw typeError(fn, subject, 'an array of integers', shape);
  const sizes = integersAtLeast(fn, (dim) => `${subject}[${dim}]`, shape, 0);
  if (sizes.length !== spatialDims + 1 && sizes.length !== spatialDims + 2) {
    throw rangeError(
      fn,
      subject,
      `of rank ${spatialDims + 1} (unbatched) or ${spatialDims + 2} (batched)`,
      shape,
      'ERR_POOLND_SHAPE_MISMATCH',
    );
  }
  const batched = sizes.length === spatialDims + 2;
  const batch = batched ? sizes[0] : 1;
  const first = batched ? 1 : 0;
  const channels = channelsLast ? sizes[sizes.length - 1] : sizes[first];
  const spatial = channelsLast ? sizes.slice(first, first + spatialDims) : sizes.slice(first + 1);
  spatial.forEach((size) => {
    if (size < 1) throw rangeError(fn, subject, 'a shape whose spatial sizes are at least 1', shape);
  });
  return { shape: sizes, batched, batch, channels, spatial };
}

export function readInputTensor(fn: string, input: unknown, spatialDims: number, channelsLast: boolean): InputTensor {
  if (!isObject(input)) throw typeError(fn, 'input', 'a tensor { data, shape }', input);
  const data = input.data;
  const arrayType = arrayTypeName(data);
  if (arrayType === undefined) throw typeError(fn, 'input.data', `one of ${poolArrayNames}`, data);
  const givenShape = input.shape;
  const subject = givenShape !== undefined ? 'input.shape' : 'input.dims';
  const { shape, batched, batch, channels, spatial } = readShape(
    fn,
    subject,
    givenShape !== undefined ? givenShape : input.dims,
    spatialDims,
    channelsLast,
  );
  const length = arrayLength(data as PoolArray);
  const elements = product(shape);
  if (elements !== length) {
    throw rangeError(
      fn,
      subject,
      `a shape whose product equals input.data.length (${length})`,
      shape,
      'ERR_POOLND_SHAPE_MISMATCH',
    );
  }
  checkElementType(fn, 'input.type', input.type, arrayType);
  const isBuffer = isNodeBuffer(data as PoolArray);
  return { data: data as PoolArray, arrayType, shape, batched, channelsLast, batch, channels, spatial, isBuffer };
}

/** The full shape of a result with the input's layout and batchedness and new spatial sizes. */
export function resultShape(
  input: Pick<InputTensor, 'batched' | 'batch' | 'channels' | 'channelsLast'>,
  spatial: number[],
): number[] {
  const shape = input.batched ? [input.batch] : [];
  if (!input.channelsLast) shape.push(input.channels);
  for (const size of spatial) shape.push(size);
  if (input.channelsLast) shape.push(input.channels);
  return shape;
}

function overlaps(a: PoolArray, b: PoolArray): boolean {
  if (arrayBuffer(a) !== arrayBuffer(b) || arrayByteLength(a) === 0 || arrayByteLength(b) === 0) return false;
  const aStart = arrayByteOffset(a);
  const bStart = arrayByteOffset(b);
  return aStart < bStart + arrayByteLength(b) && bStart < aStart + arrayByteLength(a);
}

/**
 * A caller's `out`/`indicesOut` array, checked for type, length and overlap with `avoid`,
 * or a new array when the option is absent; a Buffer (given or new) where `asBuffer`.
 */
export function outputArray(
  fn: string,
  name: string,
  given: unknown,
  arrayType: ArrayTypeName,
  length: number,
  avoid: PoolArray[],
  asBuffer = false,
): PoolArray {
  if (given === undefined) return allocateArray(fn, name, arrayType, length, asBuffer);
  if (arrayTypeName(given) !== arrayType) throw typeError(fn, `option '${name}'`, `a ${arrayType}`, given);
  const array = given as PoolArray;
  if (asBuffer && !isNodeBuffer(array)) throw typeError(fn, `option '${name}'`, 'a Buffer, as the input is', given);
  if (arrayLength(array) !== length) {
    throw rangeError(fn, `option '${name}'`, `of length ${length}`, given, 'ERR_POOLND_OUT_SIZE_MISMATCH');
  }
  for (const other of avoid) {
    if (overlaps(array, other)) {
      throw rangeError(
        fn,
        `option '${name}'`,
        'an array that does not overlap the input or other outputs',
        given,
        'ERR_POOLND_OUT_OVERLAP',
      );
    }
  }
  return array;
}

// Integer averages sum exactly in 64 bits: 2^31 elements of a 32-bit type is where that could
// overflow. Every average's divisor, up to its element count, is an int64 the kernels multiply
// out, so no average spans more than 2^53 - 1 elements.
const maxExactlySummed = 2 ** 31 - 1;

/**
 * Rejects an average over more elements than its sum or divisor can hold exactly; `subject` and
 * `received` name what sets the count (the kernel size, or the input's shape).
 */
export function checkAveragedElements(
  fn: string,
  arrayType: ArrayTypeName,
  elements: number,
  subject: string,
  received: unknown,
): void {
  const thirtyTwoBit = arrayType === 'Int32Array' || arrayType === 'Uint32Array';
  const limit = thirtyTwoBit ? maxExactlySummed : Number.MAX_SAFE_INTEGER;
  if (elements > limit) {
    throw rangeError(
      fn,
      subject,
      `at most ${limit} elements per average${thirtyTwoBit ? ' for a 32-bit integer array' : ''}`,
      received,
    );
  }
}
