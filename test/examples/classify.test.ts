// The sharp -> poolnd -> onnxruntime-node example (examples/classify), end to end in a process of its
// own, against the same model computed by plain loops: the 2x2 means normalised, each channel's
// global mean, the linear layer and the softmax. onnxruntime-node lives in examples/classify's own
// node_modules (`npm run example:classify` installs it; .ci/run does before the tests).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { execNode } from '../child-process';

const example = fileURLToPath(new URL('../../examples/classify/classify.mjs', import.meta.url));
const picture = fileURLToPath(new URL('../../examples/sample.png', import.meta.url));
const installed = existsSync(new URL('../../examples/classify/node_modules/onnxruntime-node/package.json', import.meta.url));
// The emulated arm64 lane checks the library; the example runs in the native lanes.
const runnable = installed && !process.env.POOLND_TEST_EXEC_PREFIX;

describe('examples/classify', () => {
  it.skipIf(!runnable)('prints the colour model’s probabilities for the tensor poolnd made', async () => {
    const output = execNode([example, picture], { encoding: 'utf8', timeout: 60_000 });
    const printed = Object.fromEntries(
      [...output.matchAll(/^\s+(\w+)\s+([\d.]+)%$/gm)].map(([, label, percent]) => [label, Number(percent)]),
    );
    expect(output).toContain('-> tensor 1×3×');

    const { data, info } = await sharp(picture).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    const [mean, std] = [
      [0.485, 0.456, 0.406],
      [0.229, 0.224, 0.225],
    ];
    const [height, width] = [Math.floor(info.height / 2), Math.floor(info.width / 2)];
    const channelMeans = [0, 1, 2].map((c) => {
      let total = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          let sum = 0;
          for (const [i, j] of [
            [0, 0],
            [0, 1],
            [1, 0],
            [1, 1],
          ])
            sum += data[((2 * y + i) * info.width + 2 * x + j) * 3 + c];
          total += (sum / 4 / 255 - mean[c]) / std[c];
        }
      }
      return total / (height * width);
    });
    const weights = [
      [4, -2, -2],
      [-2, 4, -2],
      [-2, -2, 4],
    ];
    const logits = weights.map((row) => row.reduce((sum, weight, c) => sum + weight * channelMeans[c], 0));
    const exponentials = logits.map((logit) => Math.exp(logit - Math.max(...logits)));
    const probabilities = exponentials.map((value) => (100 * value) / exponentials.reduce((a, b) => a + b, 0));
    ['red', 'green', 'blue'].forEach((label, i) => expect(printed[label], label).toBeCloseTo(probabilities[i], 1));
  });
});
