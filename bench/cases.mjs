// The benchmark cases, in one place. Each is one pooling call on one tensor; every implementation
// gets the same logical input (same values, same layout) and must produce the same output.
//
// op: 'max' | 'avg' (2-d windows) or 'globalAvg'; layout: 'NCHW' | 'NHWC' | 'HWC' (unbatched,
// channels last); unit: how the table prints times; perCall: also measure poolnd's overhead per call
// (see peers/poolnd.mjs).
const ARRAY_TYPE = { float32: Float32Array, uint8: Uint8Array };

export const CASES = [
  { id: 'max-k2-nchw', op: 'max', dtype: 'float32', shape: [8, 64, 112, 112], layout: 'NCHW', kernel: 2, stride: 2 },
  { id: 'max-k2-nhwc', op: 'max', dtype: 'float32', shape: [8, 112, 112, 64], layout: 'NHWC', kernel: 2, stride: 2 },
  { id: 'avg-k2-nchw', op: 'avg', dtype: 'float32', shape: [8, 64, 112, 112], layout: 'NCHW', kernel: 2, stride: 2 },
  { id: 'avg-k2-nhwc', op: 'avg', dtype: 'float32', shape: [8, 112, 112, 64], layout: 'NHWC', kernel: 2, stride: 2 },
  // The ResNet stem's pooling, in both layouts.
  { id: 'max-k3s2p1', op: 'max', dtype: 'float32', shape: [1, 64, 112, 112], layout: 'NCHW', kernel: 3, stride: 2, padding: 1 },
  {
    id: 'max-k3s2p1-nhwc',
    op: 'max',
    dtype: 'float32',
    shape: [1, 112, 112, 64],
    layout: 'NHWC',
    kernel: 3,
    stride: 2,
    padding: 1,
  },
  {
    id: 'tiny-max-k2',
    op: 'max',
    dtype: 'float32',
    shape: [1, 3, 32, 32],
    layout: 'NCHW',
    kernel: 2,
    stride: 2,
    unit: 'µs',
    perCall: true,
  },
  { id: 'gap-nchw', op: 'globalAvg', dtype: 'float32', shape: [32, 512, 7, 7], layout: 'NCHW' },
  { id: 'gap-nhwc', op: 'globalAvg', dtype: 'float32', shape: [32, 7, 7, 512], layout: 'NHWC' },
  { id: 'image-avg-k2', op: 'avg', dtype: 'uint8', shape: [1080, 1920, 3], layout: 'HWC', kernel: 2, stride: 2 },
  { id: 'image-max-k2', op: 'max', dtype: 'uint8', shape: [1080, 1920, 3], layout: 'HWC', kernel: 2, stride: 2 },
  // Float channels-last with few channels: a decoded image converted to float.
  { id: 'image-f32-avg-k2', op: 'avg', dtype: 'float32', shape: [1080, 1920, 3], layout: 'HWC', kernel: 2, stride: 2 },
  { id: 'image-f32-max-k2', op: 'max', dtype: 'float32', shape: [1080, 1920, 3], layout: 'HWC', kernel: 2, stride: 2 },
  {
    id: 'small-hwc-max-k2',
    op: 'max',
    dtype: 'float32',
    shape: [32, 32, 3],
    layout: 'HWC',
    kernel: 2,
    stride: 2,
    unit: 'µs',
    perCall: true,
  },
  // Model input: a decoded picture pooled straight into the normalised float32 CHW tensor a model
  // takes (outputType, outputLayout and normalize in one pass); kernel 1 is the conversion alone.
  {
    id: 'model-input-avg-k2',
    op: 'avg',
    dtype: 'uint8',
    shape: [1080, 1920, 3],
    layout: 'HWC',
    kernel: 2,
    stride: 2,
    modelInput: true,
  },
  {
    id: 'model-input-k1',
    op: 'avg',
    dtype: 'uint8',
    shape: [224, 224, 3],
    layout: 'HWC',
    kernel: 1,
    stride: 1,
    modelInput: true,
  },
  { id: 'max-k2-big', op: 'max', dtype: 'float32', shape: [16, 64, 224, 224], layout: 'NCHW', kernel: 2, stride: 2 },
].map(withGeometry);

/** What the model input cases ask for: float32, channels-first, ImageNet's normalisation. */
export const MODEL_INPUT = {
  outputType: 'float32',
  outputLayout: 'channelsFirst',
  normalize: { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
};

/** Adds n, c, h, w, the output's sizes, shape and array type, byte counts and a title to a case. */
function withGeometry(spec) {
  const { shape, layout, op, kernel = 1, stride = kernel, padding = 0 } = spec;
  const [n, c, h, w] =
    layout === 'NCHW' ? shape : layout === 'NHWC' ? [shape[0], shape[3], shape[1], shape[2]] : [1, shape[2], shape[0], shape[1]];
  const outH = op === 'globalAvg' ? 1 : Math.floor((h + 2 * padding - kernel) / stride) + 1;
  const outW = op === 'globalAvg' ? 1 : Math.floor((w + 2 * padding - kernel) / stride) + 1;
  const outputShape = spec.modelInput
    ? [c, outH, outW]
    : layout === 'NCHW'
      ? [n, c, outH, outW]
      : layout === 'NHWC'
        ? [n, outH, outW, c]
        : [outH, outW, c];
  const ArrayType = ARRAY_TYPE[spec.dtype];
  const OutputArrayType = spec.modelInput ? Float32Array : ArrayType;
  const inputBytes = n * c * h * w * ArrayType.BYTES_PER_ELEMENT;
  const outputBytes = n * c * outH * outW * OutputArrayType.BYTES_PER_ELEMENT;
  const opName =
    op === 'globalAvg'
      ? 'global avg'
      : `${op} k${kernel}${stride !== kernel ? ` s${stride}` : ''}${padding ? ` p${padding}` : ''}`;
  const into = spec.modelInput ? ' → f32 CHW normalised' : '';
  const title = `${shape.join('×')} ${spec.dtype === 'float32' ? 'f32' : spec.dtype} ${layout} ${opName}${into}`;
  return {
    unit: 'ms',
    padding,
    ...spec,
    n,
    c,
    h,
    w,
    outH,
    outW,
    outputShape,
    ArrayType,
    OutputArrayType,
    inputBytes,
    outputBytes,
    title,
  };
}

/** The case's input: deterministic pseudo-random values (floats in [-1, 1), bytes 0..255). */
export function makeInput(benchCase) {
  const data = new benchCase.ArrayType(benchCase.inputBytes / benchCase.ArrayType.BYTES_PER_ELEMENT);
  let state = 0x9e3779b9; // xorshift32: fast, and the same values on every run
  const float = benchCase.dtype === 'float32';
  for (let i = 0; i < data.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    data[i] = float ? (state >>> 0) / 2 ** 31 - 1 : state & 0xff;
  }
  return { data, shape: benchCase.shape };
}

export function outputLength(benchCase) {
  return benchCase.outputBytes / benchCase.OutputArrayType.BYTES_PER_ELEMENT;
}
