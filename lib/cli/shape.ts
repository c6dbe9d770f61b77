// `poolnd shape`: a pooling layer's output shape with PyTorch's formula worked through, and the
// bytes moved and the work done.
import { poolOutputShape } from '../index';
import { normaliseWindow, type WindowOptions } from '../shape';
import { readShape } from '../tensor';
import { formatCount, formatScaled } from './format';
import { inFlagTerms, windowOptions } from './pooling';
import {
  commonHelp,
  integerArgument,
  integerListArgument,
  paddingArgument,
  parse,
  UsageError,
  windowArgument,
  type Command,
  type Outcome,
} from './usage';

const bytesPerElement: Record<string, number> = {
  float32: 4,
  float64: 8,
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
};

const help = `Usage: poolnd shape --input N,C,H,W --kernel K [options]

Prints the output shape of a max or average pooling layer over an input of that shape, with
PyTorch's formula worked through for each spatial dim, and the bytes it reads and writes.

Options:
  --input SHAPE      the input shape, comma-separated: (N, C, *spatial), or (N, *spatial, C)
                     with --channels-last (required)
  --kernel K         kernel size: one number, or one per spatial dim ("3" or "3,2") (required)
  --stride S         stride (default: the kernel size)
  --padding P        padding: one number, one per spatial dim, 'valid' or 'same' (default 0)
  --dilation D       dilation (default 1)
  --ceil             ceil mode
  --dims 1|2|3       spatial dims (default: the input's rank minus 2)
  --channels-last    the channels come last in --input
  --dtype TYPE       element type, for the bytes moved (default float32)
${commonHelp}  -h, --help         this help
`;

function run(args: string[]): Outcome {
  const parsed = parse(args, { ...windowOptions, input: { type: 'string' }, dtype: { type: 'string' } });
  const inputShape = integerListArgument('input', parsed.required('input'), 0);
  const kernelSize = windowArgument('kernel', parsed.required('kernel'), 1)!;
  const dimsText = parsed.string('dims');
  const dims = dimsText === undefined ? inputShape.length - 2 : integerArgument('dims', dimsText, 1);
  if (dims !== 1 && dims !== 2 && dims !== 3) {
    throw new UsageError(
      `--dims must be 1, 2 or 3 (a rank-${inputShape.length} input has ${inputShape.length - 2}), received ${dims}`,
    );
  }
  const dtype = parsed.string('dtype') ?? 'float32';
  if (!(dtype in bytesPerElement)) {
    throw new UsageError(`--dtype must be one of ${Object.keys(bytesPerElement).join(', ')}, received ${JSON.stringify(dtype)}`);
  }
  const channelsLast = parsed.flag('channels-last');
  const options = {
    kernelSize,
    stride: windowArgument('stride', parsed.string('stride'), 1),
    padding: paddingArgument(parsed.string('padding')),
    dilation: windowArgument('dilation', parsed.string('dilation'), 1),
    ceilMode: parsed.flag('ceil'),
  };
  // The library's own checks and shape math: its errors name the option and the value received.
  let outputShape: number[];
  try {
    // Per-dim lists of any length: the library checks them against the rank.
    outputShape = poolOutputShape(inputShape, dims, { ...options, channelsLast } as WindowOptions);
  } catch (error) {
    throw new UsageError(inFlagTerms((error as Error).message));
  }
  const { spatial } = readShape('poolOutputShape', 'inputShape', inputShape, dims, channelsLast);
  const window = normaliseWindow('poolOutputShape', options, spatial);
  const names = ['D', 'H', 'W'].slice(3 - dims);
  const lines = [`input   [${inputShape.join(', ')}]${channelsLast ? ' (channels last)' : ''}`];
  const rounding = window.ceilMode ? 'ceil' : 'floor';
  for (let dim = 0; dim < dims; dim++) {
    const { kernelSize, stride, padBegin, padEnd, dilation, outputSize } = window;
    const span = spatial[dim] + padBegin[dim] + padEnd[dim] - dilation[dim] * (kernelSize[dim] - 1) - 1;
    const counted = (window.ceilMode ? Math.ceil(span / stride[dim]) : Math.floor(span / stride[dim])) + 1;
    let line =
      `${names[dim]}: ${rounding}((${spatial[dim]} + ${padBegin[dim]} + ${padEnd[dim]} − ${dilation[dim]}·(${kernelSize[dim]} − 1) − 1) / ${stride[dim]}) + 1` +
      ` = ${rounding}(${span} / ${stride[dim]}) + 1 = ${counted}`;
    if (counted !== outputSize[dim]) line += `, less the last window, which would start in the padding: ${outputSize[dim]}`;
    lines.push(line);
  }
  lines.push(`output  [${outputShape.join(', ')}]`);
  const inputElements = inputShape.reduce((a, b) => a * b, 1);
  const outputElements = outputShape.reduce((a, b) => a * b, 1);
  const taps = window.kernelSize.reduce((a, b) => a * b, 1);
  const size = bytesPerElement[dtype];
  lines.push(
    `bytes   ${formatScaled(inputElements * size, 'B')} read, ${formatScaled(outputElements * size, 'B')} written (${dtype}: ` +
      `${formatCount(inputElements)} + ${formatCount(outputElements)} elements)`,
  );
  lines.push(
    `work    ${formatCount(outputElements)} windows × ${formatCount(taps)} taps = ${formatCount(outputElements * taps)} comparisons (max) or additions (average)`,
  );
  return {
    document: {
      input: inputShape,
      channelsLast,
      dtype,
      window: {
        kernelSize: window.kernelSize,
        stride: window.stride,
        padding: window.padBegin.map((begin, dim) => [begin, window.padEnd[dim]]),
        dilation: window.dilation,
        ceilMode: window.ceilMode,
      },
      output: outputShape,
      bytesRead: inputElements * size,
      bytesWritten: outputElements * size,
      windows: outputElements,
      tapsPerWindow: taps,
    },
    text: `${lines.join('\n')}\n`,
  };
}

export const shapeCommand: Command = { name: 'shape', summary: 'the output shape of a pooling layer, worked through', help, run };
