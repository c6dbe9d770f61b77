// `npm run demo`: the course's worked examples computed by poolnd, with their output shapes.
import { adaptiveAvgPool2d, avgPool2d, globalMaxPool, info, maxPool2d, maxUnpool2d, poolOutputShape } from 'poolnd';

function show(title, tensor) {
  const [height, width] = tensor.shape.slice(-2);
  const planes = tensor.data.length / (height * width);
  console.log(`${title}  →  shape [${tensor.shape.join(', ')}]`);
  for (let plane = 0; plane < planes; plane++) {
    for (let row = 0; row < height; row++) {
      const start = (plane * height + row) * width;
      const values = Array.from(tensor.data.subarray(start, start + width), (v) => String(v).padStart(5));
      console.log(`   ${values.join(' ')}`);
    }
    if (plane + 1 < planes) console.log('   ---');
  }
  console.log();
}

const { version, simd, threads } = info();
console.log(`poolnd ${version} (kernels: ${simd}, threads: ${threads})\n`);

const fiveByFive = {
  data: new Float32Array([1, 2, 0, 3, 1, 0, 1, 2, 3, 1, 1, 2, 1, 0, 0, 5, 2, 3, 1, 1, 2, 1, 0, 1, 1]),
  shape: [1, 1, 5, 5],
};
show('5×5 input', fiveByFive);
show('maxPool2d kernel 3, ceilMode true', maxPool2d(fiveByFive, { kernelSize: 3, ceilMode: true }));
show('maxPool2d kernel 3, ceilMode false', maxPool2d(fiveByFive, { kernelSize: 3 }));

// Two channels of 4×4; each value is its row number, plus 4 in the second channel.
const ramp = {
  data: Float32Array.from({ length: 32 }, (_, i) => Math.floor((i % 16) / 4) + 4 * Math.floor(i / 16)),
  shape: [1, 2, 4, 4],
};
show('4×4 two-channel ramp', ramp);
show('maxPool2d kernel 2', maxPool2d(ramp, { kernelSize: 2 }));
show('maxPool2d kernel 2, stride 1', maxPool2d(ramp, { kernelSize: 2, stride: 1 }));
show('avgPool2d kernel 2, stride 1, padding 1', avgPool2d(ramp, { kernelSize: 2, stride: 1, padding: 1 }));
show('avgPool2d kernel 4', avgPool2d(ramp, { kernelSize: 4 }));

show('adaptiveAvgPool2d outputSize 3 (overlapping bins)', adaptiveAvgPool2d(ramp, { outputSize: 3 }));
show('globalMaxPool', globalMaxPool(ramp));
const { output, indices } = maxPool2d(fiveByFive, { kernelSize: 2, returnIndices: true });
show('maxUnpool2d of maxPool2d kernel 2, back to 5×5', maxUnpool2d(output, indices, { kernelSize: 2, outputSize: [5, 5] }));

console.log('Shape rules:');
for (const [input, options] of [
  [[1, 1, 32, 32], { kernelSize: 2 }],
  [[1, 1, 32, 32], { kernelSize: 3 }],
  [[1, 1, 28, 28], { kernelSize: 3, stride: 1, padding: 1 }],
]) {
  console.log(`   [${input.join(', ')}] with ${JSON.stringify(options)}  →  [${poolOutputShape(input, 2, options).join(', ')}]`);
}
