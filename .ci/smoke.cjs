// A smoke test of an installed poolnd: it loads, and pools a small tensor (sync and async) to
// the values worked out by hand. Run from a folder where require('poolnd') resolves.
'use strict';
const assert = require('node:assert/strict');
const poolnd = require('poolnd');

// 1..16 in a 4x4 plane: each 2x2 window's maximum is its bottom-right value, its average the
// mean of its four.
const input = { data: Float32Array.from({ length: 16 }, (_, i) => i + 1), shape: [1, 4, 4] };
assert.deepEqual(Array.from(poolnd.maxPool2d(input, { kernelSize: 2 }).data), [6, 8, 14, 16]);
poolnd.avgPool2dAsync(input, { kernelSize: 2 }).then((result) => {
  assert.deepEqual(Array.from(result.data), [3.5, 5.5, 11.5, 13.5]);
  const { binding, simd } = poolnd.info();
  console.log(`poolnd smoke: Node ${process.version} ${process.arch}, ${simd}, ${binding}`);
});
