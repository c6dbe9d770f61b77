// `poolnd pool IN -o OUT`: pools an image into an image of the same kind, or a .npy array into
// another .npy file.
import { readFile } from 'node:fs/promises';

import { writeFileAtomically } from './files';
import { isImageFile, readImage, writeImage } from './images';
import { readNpy, writeNpy } from './npy';
import { pool, poolingHelp, poolingOptions, readPooling } from './pooling';
import { parse, UsageError, type Command } from './usage';

const help = `Usage: poolnd pool IN -o OUT --kernel K [options]

Pools an image (PNG, JPEG, WebP or TIFF, read with sharp) into an image, each channel on its own
in the image's uint8 pixels; or a NumPy .npy array (C order; float32, float64 or 8-, 16- or
32-bit integers) into a .npy array of the same type. An array is (N, C, *spatial) or
(C, *spatial), or with --channels-last (N, *spatial, C) or (*spatial, C).

Options:
  -o, --output FILE   where to write the result, the same kind of file as IN (required)
${poolingHelp}  --dims 1|2|3        .npy: spatial dims (default: 3 for rank 5, 2 for rank 3 or 4, 1 for rank 2)
  --channels-last     .npy: the channels come last
  -h, --help          this help
`;

/** The spatial dims of an array of this rank when --dims is not given. */
export function defaultDims(rank: number): 1 | 2 | 3 {
  return rank >= 5 ? 3 : rank >= 3 ? 2 : 1;
}

async function run(args: string[]): Promise<void> {
  const parsed = parse(args, { ...poolingOptions, output: { type: 'string', short: 'o' } }, true);
  if (parsed.positionals.length !== 1) throw new UsageError(`one input file expected, received ${parsed.positionals.length}`);
  const [input] = parsed.positionals;
  const output = parsed.required('output');
  const pooling = readPooling(parsed);
  if (isImageFile(input) && isImageFile(output)) {
    if (pooling.dims !== undefined || pooling.channelsLast)
      throw new UsageError('--dims and --channels-last are for .npy arrays');
    if (pooling.op === 'lp') throw new UsageError('--op lp pools float arrays, and image pixels are uint8: use max or avg');
    const image = await readImage(input);
    const result = await pool(image, { ...pooling, channelsLast: true }, 2);
    await writeImage(result as typeof image, output);
    return;
  }
  if (!input.endsWith('.npy') || !output.endsWith('.npy')) {
    throw new UsageError('IN and OUT must both be images (.png, .jpg, .jpeg, .webp, .tif, .tiff) or both .npy files');
  }
  const bytes = await readFile(input).catch((error: Error) => {
    throw new Error(`cannot read ${input}: ${error.message}`);
  });
  const array = readNpy(bytes, input);
  const result = await pool(array, pooling, pooling.dims ?? defaultDims(array.shape.length));
  await writeFileAtomically(output, writeNpy(result));
}

export const poolCommand: Command = { name: 'pool', summary: 'pool an image or a .npy array into another', help, run };
