// The naive peer: plain nested loops over the same tensor, (n, c, y, x) whatever the layout. Its first
// output is also the reference every other implementation (poolnd included) is checked against.
import { MODEL_INPUT, outputLength } from '../cases.mjs';

export const name = 'naive JS';
export const version = () => `Node ${process.version}`;

export function prepare(benchCase, input) {
  // A reused output array: the loops, not the allocator, are what this peer shows.
  const out = new benchCase.OutputArrayType(outputLength(benchCase));
  const pool = benchCase.op === 'globalAvg' ? globalAveragePool : benchCase.modelInput ? modelInputPool : windowedPool;
  return {
    contestants: [{ impl: name, singleThreaded: true, run: () => pool(benchCase, input.data, out) }],
    dispose() {},
  };
}

function strides(benchCase, h, w) {
  const { c, layout } = benchCase;
  // [batch, channel, row, column] strides of an (n, c, h, w) tensor in the case's layout.
  return layout === 'NCHW' ? [c * h * w, h * w, w, 1] : [h * w * c, 1, w * c, c];
}

const roundHalfAwayFromZero = (value) => Math.sign(value) * Math.round(Math.abs(value));

function windowedPool(benchCase, src, dst) {
  const { n: batches, c: channels, h, w, outH, outW, kernel, stride, padding } = benchCase;
  const [sn, sc, sh, sw] = strides(benchCase, h, w);
  const [dn, dc, dh, dw] = strides(benchCase, outH, outW);
  const isMax = benchCase.op === 'max';
  const integer = !(dst instanceof Float32Array);
  for (let b = 0; b < batches; b++) {
    for (let c = 0; c < channels; c++) {
      const plane = b * sn + c * sc;
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          const y0 = oy * stride - padding;
          const x0 = ox * stride - padding;
          let acc = isMax ? -Infinity : 0;
          for (let y = Math.max(y0, 0); y < Math.min(y0 + kernel, h); y++) {
            for (let x = Math.max(x0, 0); x < Math.min(x0 + kernel, w); x++) {
              const value = src[plane + y * sh + x * sw];
              if (!isMax) acc += value;
              else if (value > acc) acc = value;
            }
          }
          if (!isMax) {
            // PyTorch's count_include_pad=true divisor: the window clipped to the padded extent.
            const divisor = (Math.min(y0 + kernel, h + padding) - y0) * (Math.min(x0 + kernel, w + padding) - x0);
            acc = integer ? roundHalfAwayFromZero(acc / divisor) : acc / divisor;
          }
          dst[b * dn + c * dc + oy * dh + ox * dw] = acc;
        }
      }
    }
  }
  return dst;
}

// What a server does without model input options: one loop that pools each window, normalises it
// ((value / 255 - mean[c]) / std[c]) and writes it channels-first, with each channel's constants
// hoisted and the window's rows addressed once.
function modelInputPool(benchCase, src, dst) {
  const { c: channels, w, outH, outW, kernel, stride } = benchCase;
  const { scale, mean, std } = MODEL_INPUT.normalize;
  const isMax = benchCase.op === 'max';
  const divisor = isMax ? 1 : kernel * kernel;
  const rowStep = w * channels;
  for (let c = 0; c < channels; c++) {
    const [m, s] = [mean[c], std[c]];
    let at = c * outH * outW;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        let acc = 0; // uint8 pixels: 0 is below every maximum
        for (let y = 0, row = oy * stride * rowStep + ox * stride * channels + c; y < kernel; y++, row += rowStep) {
          for (let x = 0, i = row; x < kernel; x++, i += channels) {
            if (isMax) acc = src[i] > acc ? src[i] : acc;
            else acc += src[i];
          }
        }
        dst[at++] = ((acc / divisor) * scale - m) / s;
      }
    }
  }
  return dst;
}

function globalAveragePool(benchCase, src, dst) {
  const { n: batches, c: channels, h, w } = benchCase;
  const [sn, sc, , sw] = strides(benchCase, h, w);
  for (let b = 0; b < batches; b++) {
    for (let c = 0; c < channels; c++) {
      let sum = 0;
      for (let i = 0; i < h * w; i++) sum += src[b * sn + c * sc + i * sw];
      dst[b * channels + c] = sum / (h * w); // (n, c) order is the output order in both layouts
    }
  }
  return dst;
}
