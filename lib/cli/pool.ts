// `poolnd pool IN -o OUT`: pools an image into an image of the same kind, or a .npy array into
// another .npy file.
import { readFile } from 'node:fs/promises';

import type { PoolArray, Tensor } from '../tensor';
import { writeFileAtomically } from './files';
import { imageExtensionsText, imageFormat, isImageFile, readImage, writeImage } from './images';
import { readNpy, writeNpy } from './npy';
import { elementType, pool, poolingHelp, poolingOptions, readPooling } from './pooling';
import { commonHelp, parse, UsageError, type Command, type Outcome } from './usage';

const help = `Usage: poolnd pool IN -o OUT --kernel K [options]

Pools an image (any format the installed sharp reads: PNG, JPEG, WebP, TIFF, GIF, AVIF, SVG...;
the output's format follows its extension) into an image, each channel on its own
in the image's uint8 pixels; or a NumPy .npy array (C order; float32, float64 or 8-, 16- or
32-bit integers) into a .npy array of the same type. An array is (N, C, *spatial) or
(C, *spatial), or with --channels-last (N, *spatial, C) or (*spatial, C).

Options:
  -o, --output FILE   where to write the result, the same kind of file as IN (required)
${poolingHelp}  --dims 1|2|3        .npy: spatial dims (default: 3 for rank 5, 2 for rank 3 or 4, 1 for rank 2)
  --channels-last     .npy: the channels come last
${commonHelp}  -h, --help          this help

It prints one line: what it read, what it wrote, and how long that took.
`;

/** The spatial dims of an array of this rank when --dims is not given. */
export function defaultDims(rank: number): 1 | 2 | 3 {
  return rank >= 5 ? 3 : rank >= 3 ? 2 : 1;
}

async function run(args: string[]): Promise<Outcome> {
  const started = process.hrtime.bigint();
  const parsed = parse(args, { ...poolingOptions, output: { type: 'string', short: 'o' } }, true);
  if (parsed.positionals.length !== 1) throw new UsageError(`one input file expected, received ${parsed.positionals.length}`);
  const [input] = parsed.positionals;
  const output = parsed.required('output');
  const pooling = readPooling(parsed);
  if (isImageFile(input) && isImageFile(output)) {
    if (pooling.dims !== undefined || pooling.channelsLast)
      throw new UsageError('--dims and --channels-last are for .npy arrays');
    if (pooling.op === 'lp') throw new UsageError('--op lp pools float arrays, and image pixels are uint8: use max or avg');
    imageFormat(output, 'output'); // before any work
    const image = await readImage(input);
    const result = await pool(image, { ...pooling, channelsLast: true }, 2);
    await writeImage(result as typeof image, output);
    return summary(input, image, output, result, pooling.op, started);
  }
  if (!input.endsWith('.npy') || !output.endsWith('.npy')) {
    throw new UsageError(`IN and OUT must both be images (${imageExtensionsText}) or both .npy files`);
  }
  const bytes = await readFile(input).catch((error: Error) => {
    throw new Error(`cannot read ${input}: ${error.message}`);
  });
  const array = readNpy(bytes, input);
  const result = await pool(array, pooling, pooling.dims ?? defaultDims(array.shape.length));
  await writeFileAtomically(output, writeNpy(result));
  return summary(input, array, output, result, pooling.op, started);
}

function summary(
  inputFile: string,
  input: Tensor<PoolArray>,
  outputFile: string,
  output: Tensor<PoolArray>,
  op: string,
  started: bigint,
): Outcome {
  const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
  const dtype = elementType(input.data);
  const shapeText = (shape: number[]) => shape.join('×');
  return {
    document: {
      op,
      input: { file: inputFile, shape: input.shape, dtype },
      output: { file: outputFile, shape: output.shape, dtype },
      milliseconds,
    },
    text: `${op}-pooled ${inputFile} (${shapeText(input.shape)} ${dtype}) into ${outputFile} (${shapeText(output.shape)}) in ${milliseconds.toFixed(1)} ms\n`,
  };
}

export const poolCommand: Command = { name: 'pool', summary: 'pool an image or a .npy array into another', help, run };
