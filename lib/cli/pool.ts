// `poolnd pool IN -o OUT`: pools a .npy array into another .npy file.
import { readFile } from 'node:fs/promises';

import { writeFileAtomically } from './files';
import { readNpy, writeNpy } from './npy';
import { pool, poolingHelp, poolingOptions, readPooling } from './pooling';
import { parse, UsageError, type Command } from './usage';

const help = `Usage: poolnd pool IN.npy -o OUT.npy --kernel K [options]

Pools a NumPy .npy array (C order; float32, float64 or 8-, 16- or 32-bit integers) and writes
the result, of the same type, as .npy. The array is (N, C, *spatial) or (C, *spatial), or with
--channels-last (N, *spatial, C) or (*spatial, C).

Options:
  -o, --output FILE   where to write the result (required)
${poolingHelp}  --dims 1|2|3        spatial dims (default: 3 for a rank-5 array, 2 for rank 3 or 4, 1 for rank 2)
  --channels-last     the channels come last
  -h, --help          this help
`;

/** The spatial dims of an array of this rank when --dims is not given. */
export function defaultDims(rank: number): 1 | 2 | 3 {
  return rank >= 5 ? 3 : rank >= 3 ? 2 : 1;
}

async function run(args: string[]): Promise<void> {
  const parsed = parse(args, { ...poolingOptions, output: { type: 'string', short: 'o' } }, true);
  if (parsed.flag('help')) {
    process.stdout.write(help);
    return;
  }
  if (parsed.positionals.length !== 1) throw new UsageError(`one input file expected, received ${parsed.positionals.length}`);
  const [input] = parsed.positionals;
  const output = parsed.required('output');
  const pooling = readPooling(parsed);
  if (!input.endsWith('.npy') || !output.endsWith('.npy')) throw new UsageError('IN and OUT must be .npy files');
  const bytes = await readFile(input).catch((error: Error) => {
    throw new Error(`cannot read ${input}: ${error.message}`);
  });
  const array = readNpy(bytes, input);
  const result = await pool(array, pooling, pooling.dims ?? defaultDims(array.shape.length));
  await writeFileAtomically(output, writeNpy(result));
}

export const poolCommand: Command = { name: 'pool', summary: 'pool a .npy array into another', help, run };
