// onnxruntime-node (CPU execution provider) running a one-node model per case. Its pooling ops are
// NCHW only, so channels-last data runs as a 3-D pool with a [k, k, 1] window over an [N, 1, H, W, C]
// view of the same bytes; uint8 max also has the contrib op com.microsoft NhwcMaxPool, timed too.
import { createRequire } from 'node:module';

import ort from 'onnxruntime-node';

import { encodeModel, encodeSingleOpModel } from '../../examples/onnx-model.mjs';
import { MODEL_INPUT } from '../cases.mjs';

export const name = 'onnxruntime-node';
export const version = () => createRequire(import.meta.url)('onnxruntime-node/package.json').version;

/** The ONNX node(s) that compute the case, each with the input/output shapes it sees. */
function models(benchCase) {
  const { op, layout, dtype, n, c, h, w, outH, outW, kernel, stride, padding } = benchCase;
  if (op === 'globalAvg') {
    if (layout === 'NCHW')
      return [{ variant: '', opType: 'GlobalAveragePool', inputShape: [n, c, h, w], outputShape: [n, c, 1, 1] }];
    // NHWC: an AveragePool whose window is the whole [H·W, 1] plane of an [N, 1, H·W, C] view.
    const attributes = { kernel_shape: [h * w, 1], strides: [1, 1] };
    return [{ variant: '', opType: 'AveragePool', attributes, inputShape: [n, 1, h * w, c], outputShape: [n, 1, 1, c] }];
  }
  if (op === 'avg' && dtype === 'uint8') return { unsupported: 'AveragePool has no uint8' };
  const opType = op === 'max' ? 'MaxPool' : 'AveragePool';
  if (layout === 'NCHW') {
    const attributes = { kernel_shape: [kernel, kernel], strides: [stride, stride], pads: [padding, padding, padding, padding] };
    return [{ variant: '', opType, attributes, inputShape: [n, c, h, w], outputShape: [n, c, outH, outW] }];
  }
  const view = {
    variant: ' (3-D view)',
    opType,
    attributes: {
      kernel_shape: [kernel, kernel, 1],
      strides: [stride, stride, 1],
      pads: [padding, padding, 0, padding, padding, 0],
    },
    inputShape: [n, 1, h, w, c],
    outputShape: [n, 1, outH, outW, c],
  };
  if (op !== 'max' || dtype !== 'uint8') return [view];
  const attributes = { kernel_shape: [kernel, kernel], strides: [stride, stride], pads: [padding, padding, padding, padding] };
  const contrib = {
    variant: ' (NhwcMaxPool)',
    opType: 'NhwcMaxPool',
    domain: 'com.microsoft',
    attributes,
    inputShape: [n, h, w, c],
    outputShape: [n, outH, outW, c],
  };
  return [view, contrib];
}

// Model input as an ONNX graph: Cast to float, Transpose to NCHW, the pool, then Mul, Sub and Div
// by the normalisation's constants (each a pass over the data in ORT's float32 arithmetic).
function modelInputModel(benchCase) {
  const { op, c, h, w, outH, outW, kernel, stride } = benchCase;
  const { scale, mean, std } = MODEL_INPUT.normalize;
  return encodeModel({
    nodes: [
      { opType: 'Cast', inputs: ['x'], outputs: ['floats'], attributes: { to: 1 } },
      { opType: 'Transpose', inputs: ['floats'], outputs: ['planes'], attributes: { perm: [0, 3, 1, 2] } },
      {
        opType: op === 'max' ? 'MaxPool' : 'AveragePool',
        inputs: ['planes'],
        outputs: ['pooled'],
        attributes: { kernel_shape: [kernel, kernel], strides: [stride, stride] },
      },
      { opType: 'Mul', inputs: ['pooled', 'scale'], outputs: ['scaled'] },
      { opType: 'Sub', inputs: ['scaled', 'mean'], outputs: ['centred'] },
      { opType: 'Div', inputs: ['centred', 'std'], outputs: ['y'] },
    ],
    initializers: [
      { name: 'scale', dims: [1], values: [scale] },
      { name: 'mean', dims: [1, c, 1, 1], values: mean },
      { name: 'std', dims: [1, c, 1, 1], values: std },
    ],
    inputs: [{ name: 'x', elementType: 'uint8', shape: [1, h, w, c] }],
    outputs: [{ name: 'y', elementType: 'float32', shape: [1, c, outH, outW] }],
  });
}

export async function prepare(benchCase, input, threadCounts) {
  const specs = benchCase.modelInput
    ? [
        {
          variant: ' (Cast, Transpose, pool, Mul, Sub, Div)',
          model: modelInputModel(benchCase),
          inputShape: [1, benchCase.h, benchCase.w, benchCase.c],
        },
      ]
    : models(benchCase);
  if (specs.unsupported) return { contestants: [{ impl: name, unsupported: specs.unsupported }], dispose() {} };
  const sessions = [];
  const contestants = [];
  for (const spec of specs) {
    const model = spec.model ?? encodeSingleOpModel({ ...spec, elementType: benchCase.dtype });
    const feeds = { x: new ort.Tensor(benchCase.dtype, input.data, spec.inputShape) }; // wraps, no copy
    for (const threads of threadCounts) {
      const session = await ort.InferenceSession.create(model, {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
        logSeverityLevel: 3,
        // ORT's idle workers spin-wait for the next run by default; on a 2-core machine that steals the
        // core from whatever runs next (the probe, poolnd's pool). poolnd's workers sleep when idle.
        extra: { session: { intra_op: { allow_spinning: '0' } } },
      });
      sessions.push(session);
      // session.run computes on the calling thread and returns a settled promise: await each call.
      contestants.push({ impl: name + spec.variant, threads, async: true, run: async () => (await session.run(feeds)).y.data });
    }
  }
  return { contestants, dispose: () => Promise.all(sessions.map((session) => session.release())) };
}
