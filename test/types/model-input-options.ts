// Type tests for model input options, checked by `npm run typecheck` (tsc -p test): a float
// `outputType` types the result and `out` as that float array; each @ts-expect-error line must
// fail to compile. Nothing here runs.
import {
  adaptiveAvgPool2d,
  adaptiveMaxPool2dAsync,
  avgPool2d,
  avgPool2dAsync,
  type AvgPoolOptions,
  fractionalMaxPool2d,
  maxPool2d,
  type MaxPoolOptions,
  type MaxPoolWithIndices,
  type Tensor,
} from '../../dist/index.js';

const picture = { data: new Uint8Array(4 * 4 * 3), shape: [4, 4, 3] };
const imagenet = { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

const tensor: Tensor<Float32Array> = avgPool2d(picture, {
  kernelSize: 2,
  channelsLast: true,
  outputType: 'float32',
  outputLayout: 'channelsFirst',
  normalize: imagenet,
});
const wide: Promise<Tensor<Float64Array>> = avgPool2dAsync(picture, { kernelSize: 2, channelsLast: true, outputType: 'float64' });
const own: Tensor<Uint8Array> = avgPool2d(picture, { kernelSize: 2, channelsLast: true, outputLayout: 'channelsFirst' });
const indexed: MaxPoolWithIndices<Float32Array> = maxPool2d(picture, {
  kernelSize: 2,
  channelsLast: true,
  outputType: 'float32',
  returnIndices: true,
});
const adaptive: Promise<Tensor<Float32Array>> = adaptiveMaxPool2dAsync(picture, {
  outputSize: 2,
  channelsLast: true,
  outputType: 'float32',
});
adaptiveAvgPool2d(picture, { outputSize: [2, 2], channelsLast: true, outputType: 'float32', out: new Float32Array(12) });

// Options typed as the exported interfaces, and a choice between two ops, type as they did before
// model input options existed.
const typed: AvgPoolOptions<Uint8Array, 2> = { kernelSize: 2, channelsLast: true, out: new Uint8Array(12) };
const ownTyped: Tensor<Uint8Array> = avgPool2d(picture, typed);
const maxTyped: MaxPoolOptions<Uint8Array, 2> = { kernelSize: 2, channelsLast: true };
maxPool2d(picture, maxTyped);
const either = (max: boolean) => (max ? maxPool2d : avgPool2d)(picture, { kernelSize: 2, channelsLast: true });

// @ts-expect-error out must be of the output type
avgPool2d(picture, { kernelSize: 2, channelsLast: true, outputType: 'float32', out: new Uint8Array(12) });
// @ts-expect-error the result is a Float32Array, not the input's type
const wrong: Tensor<Uint8Array> = avgPool2d(picture, { kernelSize: 2, channelsLast: true, outputType: 'float32' });
// @ts-expect-error no other layout names
avgPool2d(picture, { kernelSize: 2, outputLayout: 'NCHW' });
// @ts-expect-error no float16 output
avgPool2d(picture, { kernelSize: 2, outputType: 'float16' });
// @ts-expect-error normalize takes scale, mean and std
avgPool2d(picture, { kernelSize: 2, normalize: { sd: 1 } });
// @ts-expect-error fractional max pooling has no model input options
fractionalMaxPool2d({ data: new Float32Array(16), shape: [1, 1, 4, 4] }, { kernelSize: 2, outputSize: 2, outputType: 'float64' });

export { tensor, wide, own, indexed, adaptive, wrong, ownTyped, either };
