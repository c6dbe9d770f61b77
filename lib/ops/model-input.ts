// Model input options (API.md): the output's element type and layout, and a per-channel
// normalisation, applied by the kernels in the same pass as max, average and adaptive pooling.
import {
  arrayLength,
  type ArrayTypeName,
  arrayTypeName,
  elementTypeName,
  type InputTensor,
  isFloatArrayType,
  type PoolArray,
} from '../tensor';
import { checkOptionNames, finiteNumber, isArray, isNumber, isObject, rangeError, typeError } from '../validate';

/** Per-channel normalisation: `y = (v * scale - mean[c]) / std[c]`, in float64, rounded once. */
export interface Normalization {
  /** Multiplies each value first (e.g. 1 / 255). @default 1 */
  scale?: number;
  /** Subtracted per channel: one number for all, or one per channel (an array or typed array). @default 0 */
  mean?: number | readonly number[] | Float32Array | Float64Array;
  /** Divides per channel: one number for all, or one per channel; never 0. @default 1 */
  std?: number | readonly number[] | Float32Array | Float64Array;
}

/** The element types a model input can be converted to. */
export type OutputTypeName = 'float32' | 'float64';
export type OutputLayoutName = 'channelsFirst' | 'channelsLast';

export interface ModelInputOptions {
  /**
   * The output's element type: `'float32'` or `'float64'`, or the input's own type.
   * An integer average is then not rounded. @default the input's type
   */
  outputType?: OutputTypeName | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32';
  /** The output's layout. @default the input's (`channelsLast`) */
  outputLayout?: OutputLayoutName;
  /** Normalise each channel after pooling. */
  normalize?: Normalization;
}

export const modelInputOptionNames = ['outputType', 'outputLayout', 'normalize'] as const;
const normalizationOptionNames = new Set(['scale', 'mean', 'std']);
const outputArrayTypes: Record<OutputTypeName, ArrayTypeName> = { float32: 'Float32Array', float64: 'Float64Array' };

/** What native converts the op's values to; absent when the output is the op's own. */
export interface Conversion {
  outputType: ArrayTypeName;
  channelsLast: boolean;
  scale: number;
  /** `channels` means then `channels` deviations, or null without normalisation. */
  normalization: Float64Array | null;
}

// One number for every channel, or an array of one per channel, into `target`.
function perChannel(
  fn: string,
  name: string,
  given: unknown,
  channels: number,
  target: Float64Array,
  fallback: number,
  check: (entry: number) => boolean,
  requirement: string,
): void {
  let value = given;
  if (value === undefined) {
    target.fill(fallback);
    return;
  }
  // A typed array of the values (a Float32Array of means, say) is read as the array it holds,
  // through the intrinsic getters, as every array poolnd reads.
  if (arrayTypeName(value) !== undefined) {
    const array = value as PoolArray;
    value = Array.from({ length: arrayLength(array) }, (_, i) => array[i]);
  }
  if (isArray(value)) {
    if (value.length !== channels) {
      throw rangeError(fn, `option 'normalize.${name}'`, `one number or an array of ${channels} (one per channel)`, value);
    }
    value.forEach((entry, channel) => {
      target[channel] = finiteNumber(fn, `option 'normalize.${name}[${channel}]'`, entry);
      if (!check(target[channel])) throw rangeError(fn, `option 'normalize.${name}[${channel}]'`, requirement, entry);
    });
    return;
  }
  if (!isNumber(value)) throw typeError(fn, `option 'normalize.${name}'`, `a number or an array of ${channels} numbers`, value);
  const entry = finiteNumber(fn, `option 'normalize.${name}'`, value);
  if (!check(entry)) throw rangeError(fn, `option 'normalize.${name}'`, requirement, value);
  target.fill(entry);
}

function readNormalization(fn: string, value: unknown, channels: number): Pick<Conversion, 'scale' | 'normalization'> {
  if (value === undefined) return { scale: 1, normalization: null };
  if (!isObject(value)) throw typeError(fn, "option 'normalize'", 'an object { scale?, mean?, std? }', value);
  checkOptionNames(`${fn} option 'normalize'`, value, normalizationOptionNames);
  const scale = value.scale === undefined ? 1 : finiteNumber(fn, "option 'normalize.scale'", value.scale);
  const normalization = new Float64Array(2 * channels);
  perChannel(fn, 'mean', value.mean, channels, normalization.subarray(0, channels), 0, () => true, 'a finite number');
  perChannel(fn, 'std', value.std, channels, normalization.subarray(channels), 1, (entry) => entry !== 0, 'a non-zero number');
  return { scale, normalization };
}

function readOutputType(fn: string, value: unknown, input: ArrayTypeName): ArrayTypeName {
  if (value === undefined) return input;
  const own = isFloatArrayType(input) ? '' : ` or '${elementTypeName(input)}' (the input's type)`;
  if (typeof value !== 'string') throw typeError(fn, "option 'outputType'", `'float32' or 'float64'${own}`, value);
  if (value === 'float32' || value === 'float64') return outputArrayTypes[value];
  if (value === elementTypeName(input)) return input;
  throw rangeError(fn, "option 'outputType'", `'float32' or 'float64'${own}`, value);
}

function readOutputLayout(fn: string, value: unknown, inputChannelsLast: boolean): boolean {
  if (value === undefined) return inputChannelsLast;
  if (value === 'channelsFirst' || value === 'channelsLast') return value === 'channelsLast';
  const expected = "'channelsFirst' or 'channelsLast'";
  throw typeof value === 'string'
    ? rangeError(fn, "option 'outputLayout'", expected, value)
    : typeError(fn, "option 'outputLayout'", expected, value);
}

/** The conversion the options ask for, or undefined when the output is the op's own. */
export function readConversion(fn: string, options: Record<string, unknown>, input: InputTensor): Conversion | undefined {
  const { outputType: type, outputLayout: layout, normalize } = options;
  if (type === undefined && layout === undefined && normalize === undefined) return undefined;
  const outputType = readOutputType(fn, type, input.arrayType);
  const channelsLast = readOutputLayout(fn, layout, input.channelsLast);
  const { scale, normalization } = readNormalization(fn, normalize, input.channels);
  if (outputType === input.arrayType && channelsLast === input.channelsLast && normalization === null) return undefined;
  return { outputType, channelsLast, scale, normalization };
}
