// TensorFlow.js 4.22 with its two backends that install here: wasm (SIMD; single-threaded in Node,
// since its pthread workers are blob: URLs that worker_threads rejects) and cpu (plain JavaScript).
// Its pooling is NHWC only: NCHW data runs as an [N·C, H, W, 1] view. Global average is tf.mean over
// the spatial axis, as Keras' GlobalAveragePooling2D computes it. A call is op + dataSync() + dispose().
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, version_wasm } from '@tensorflow/tfjs-backend-wasm';

import { MODEL_INPUT } from '../cases.mjs';

export const name = 'TF.js';
export const version = () => `tfjs-core ${tf.version_core}, backend-wasm ${version_wasm}`;

const BACKENDS = ['wasm', 'cpu'];
let initialised = false;

async function initialise() {
  if (initialised) return;
  tf.enableProdMode(); // no debug checks, no "install tfjs-node" banner
  for (const backend of BACKENDS) {
    if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} failed to initialise`);
    await tf.ready();
  }
  if (getThreadsCount() !== 1) console.warn(`TF.js wasm runs on ${getThreadsCount()} threads here, not 1`);
  initialised = true;
}

/** The input view TF.js sees, and the op on it. */
function plan(benchCase) {
  const { op, layout, n, c, h, w, kernel, stride, padding } = benchCase;
  if (op === 'globalAvg') {
    const shape = layout === 'NCHW' ? [n * c, h * w] : [n, h * w, c];
    return { shape, run: (x) => tf.mean(x, 1) };
  }
  const shape = layout === 'NCHW' ? [n * c, h, w, 1] : [n, h, w, c];
  const pad = padding === 0 ? 'valid' : padding; // a number pads both sides, as PyTorch's padding does
  const pool = op === 'max' ? tf.maxPool : tf.avgPool;
  if (benchCase.modelInput) {
    // The pool, then the normalisation and the move to channels-first as three more ops.
    const { scale, mean, std } = MODEL_INPUT.normalize;
    const run = (x) =>
      tf.tidy(() => tf.transpose(tf.div(tf.sub(tf.mul(pool(x, kernel, stride, pad), scale), mean), std), [0, 3, 1, 2]));
    return { shape, run };
  }
  return { shape, run: (x) => pool(x, kernel, stride, pad) };
}

export async function prepare(benchCase, input) {
  await initialise();
  const { shape, run } = plan(benchCase);
  // TF.js pools float32 only: uint8 pixels are converted once, outside the timing.
  const values = benchCase.dtype === 'float32' ? input.data : Float32Array.from(input.data);
  const note = benchCase.dtype === 'float32' ? undefined : 'computes in float32 (input converted untimed; float32 output)';
  const tensors = [];
  const contestants = [];
  for (const backend of BACKENDS) {
    await tf.setBackend(backend);
    const x = tf.tensor(values, shape, 'float32'); // one input per backend: no data moves between them
    tensors.push(x);
    contestants.push({
      impl: `${name} ${backend}`,
      singleThreaded: true,
      note,
      before: () => tf.setBackend(backend),
      run: () => {
        const y = run(x);
        const data = y.dataSync();
        y.dispose();
        return data;
      },
    });
  }
  return { contestants, dispose: () => tensors.forEach((t) => t.dispose()) };
}
