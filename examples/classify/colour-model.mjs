// The toy model the classify example runs, built here rather than downloaded so that the example
// works offline: global average pooling over a normalised (N, 3, H, W) image, one linear layer and
// a softmax that say which colour dominates the picture.
import { encodeModel } from '../onnx-model.mjs';

export const labels = ['red', 'green', 'blue'];

/** The model's ONNX bytes: input `image` float32 (1, 3, height, width), output `probabilities` (1, 3). */
export function colourModel() {
  return encodeModel({
    nodes: [
      { opType: 'GlobalAveragePool', inputs: ['image'], outputs: ['pooled'] },
      { opType: 'Flatten', inputs: ['pooled'], outputs: ['features'] },
      { opType: 'Gemm', inputs: ['features', 'weight', 'bias'], outputs: ['logits'], attributes: { transB: 1 } },
      { opType: 'Softmax', inputs: ['logits'], outputs: ['probabilities'], attributes: { axis: 1 } },
    ],
    // A class's score: its channel's mean against the other two's, on the normalised scale.
    initializers: [
      { name: 'weight', dims: [3, 3], values: [4, -2, -2, -2, 4, -2, -2, -2, 4] },
      { name: 'bias', dims: [3], values: [0, 0, 0] },
    ],
    inputs: [{ name: 'image', elementType: 'float32', shape: [1, 3, 'height', 'width'] }],
    outputs: [{ name: 'probabilities', elementType: 'float32', shape: [1, 3] }],
  });
}
