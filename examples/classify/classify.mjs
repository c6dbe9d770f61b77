// sharp -> poolnd -> onnxruntime-node: decode a picture, halve it, turn it into the normalised
// float32 (1, 3, H, W) tensor the model takes in the same pass, and classify it.
//   npm run example:classify -- [picture]      (default: examples/sample.png)
import ort from 'onnxruntime-node';
import { avgPool2dAsync } from 'poolnd';
import sharp from 'sharp';

import { colourModel, labels } from './colour-model.mjs';

const picture = process.argv[2] ?? new URL('../sample.png', import.meta.url).pathname;
const { data, info } = await sharp(picture).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
const image = await avgPool2dAsync(
  { data, shape: [1, info.height, info.width, 3] },
  {
    kernelSize: 2,
    channelsLast: true,
    outputType: 'float32',
    outputLayout: 'channelsFirst',
    normalize: { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
  },
);
const session = await ort.InferenceSession.create(colourModel());
const { probabilities } = await session.run({ image: new ort.Tensor('float32', image.data, image.shape) });

const ranked = labels.map((label, i) => ({ label, p: probabilities.data[i] })).sort((a, b) => b.p - a.p);
console.log(`${picture}: ${info.width}×${info.height} -> tensor ${image.shape.join('×')}`);
for (const { label, p } of ranked) console.log(`  ${label.padEnd(6)} ${(100 * p).toFixed(1)}%`);
