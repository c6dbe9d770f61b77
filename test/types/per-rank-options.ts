// Type tests, checked by `npm run typecheck` (tsc -p test): each @ts-expect-error line must fail to
// compile, or tsc reports the directive as unused. Nothing here runs.
import {
  adaptiveAvgPool2d,
  avgPool1d,
  avgPool2d,
  lpPool2d,
  maxPool2d,
  maxPool2dAsync,
  maxPool3d,
  maxUnpool2d,
  poolOutputShape,
  type Tensor,
} from '../../dist/index.js';

const image = { data: new Float32Array(16), shape: [1, 1, 4, 4] };
const volume = { data: new Float32Array(64), shape: [1, 1, 4, 4, 4] };
const indices = { data: new Int32Array(4), shape: [1, 1, 2, 2] };

// One number, or one per spatial dim, as long as the op's rank.
maxPool2d(image, { kernelSize: 2 });
maxPool2d(image, {
  kernelSize: [2, 2],
  stride: [1, 2],
  dilation: [1, 1],
  padding: [
    [0, 1],
    [1, 0],
  ],
});
maxPool3d(volume, { kernelSize: [2, 2, 2] });
avgPool1d({ data: new Float32Array(8), shape: [1, 8] }, { kernelSize: [2], padding: 'same' });
// @ts-expect-error a 3-tuple kernel for a 2d op
maxPool2d(image, { kernelSize: [2, 2, 2] });
// @ts-expect-error a 1-tuple stride for a 2d op
avgPool2d(image, { kernelSize: 2, stride: [2] });
// @ts-expect-error a 2-tuple kernel for a 3d op
maxPool3d(volume, { kernelSize: [2, 2] });
// prettier-ignore
// @ts-expect-error padding pairs for three dims on a 2d op
void maxPool2dAsync(image, { kernelSize: 2, padding: [[0, 0], [0, 0], [0, 0]] });
// @ts-expect-error a 3-tuple output size for a 2d adaptive op
adaptiveAvgPool2d(image, { outputSize: [1, 1, 1] });
adaptiveAvgPool2d(image, { outputSize: [2, null] });
// @ts-expect-error a 3-tuple LP window for a 2d op
lpPool2d(image, { normType: 2, kernelSize: [2, 2, 2] });
// @ts-expect-error 'same' is no unpooling padding
maxUnpool2d(image, indices, { kernelSize: 2, padding: 'same' });
// The shape helper takes the rank it is given.
poolOutputShape([1, 1, 4, 4], 2, { kernelSize: [2, 2] });
// @ts-expect-error a 3-tuple kernel for rank 2
poolOutputShape([1, 1, 4, 4], 2, { kernelSize: [2, 2, 2] });

// returnIndices picks the result type.
const plain: Tensor<Float32Array> = maxPool2d(image, { kernelSize: 2 });
const { output, indices: where } = maxPool2d(image, { kernelSize: 2, returnIndices: true });
// A Buffer in is a Buffer out.
const bytes: Buffer = maxPool2d({ data: Buffer.alloc(16), shape: [1, 1, 4, 4] }, { kernelSize: 2 }).data;
void [plain, output, where, bytes];
