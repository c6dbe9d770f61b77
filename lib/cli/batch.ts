// `poolnd batch DIR -o OUTDIR`: pools every image (and .npy array) in a folder, several at once
// through the library's async calls, with a progress bar; a file that fails is reported and
// skipped, and every output is written whole or not at all.
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import type { PoolArray, Tensor } from '../tensor';
import { writeFileAtomically } from './files';
import { isImageFile, readImage, writeImage } from './images';
import { readNpy, writeNpy } from './npy';
import { defaultDims } from './pool';
import { pool, poolingHelp, poolingOptions, readPooling, type Pooling } from './pooling';
import { integerArgument, parse, UsageError, type Command } from './usage';

const help = `Usage: poolnd batch DIR -o OUTDIR --kernel K [options]

Pools every image (PNG, JPEG, WebP, TIFF) and .npy array in DIR into a file of the same name and
kind in OUTDIR, several at once, with a progress bar on a terminal, then prints how many files
it pooled per second and how many megabytes it read per second. A file that cannot be read or
pooled is reported and skipped; the run goes on, and exits 1 at the end.

Options:
  -o, --output DIR    the folder to write into (made if missing; required)
${poolingHelp}  --concurrency N     files in flight at once (default: the number of CPUs)
  -h, --help          this help
`;

interface Outcome {
  bytes: number;
  error?: string;
}

async function poolFile(source: string, target: string, pooling: Pooling): Promise<number> {
  if (isImageFile(source)) {
    if (pooling.op === 'lp') throw new UsageError('--op lp pools float arrays, and image pixels are uint8: use max or avg');
    const image = await readImage(source);
    const result = await pool(image, { ...pooling, channelsLast: true }, 2);
    await writeImage(result as Tensor<Uint8Array>, target);
    return (await stat(source)).size;
  }
  const bytes = await readFile(source);
  const array: Tensor<PoolArray> = readNpy(bytes, source);
  const result = await pool(array, pooling, defaultDims(array.shape.length));
  await writeFileAtomically(target, writeNpy(result));
  return bytes.length;
}

async function run(args: string[]): Promise<number> {
  const parsed = parse(
    args,
    { ...poolingOptions, output: { type: 'string', short: 'o' }, concurrency: { type: 'string' } },
    true,
  );
  if (parsed.positionals.length !== 1) throw new UsageError(`one input folder expected, received ${parsed.positionals.length}`);
  const [folder] = parsed.positionals;
  const output = parsed.required('output');
  const pooling = readPooling(parsed);
  if (pooling.dims !== undefined || pooling.channelsLast)
    throw new UsageError('--dims and --channels-last are for poolnd pool on one .npy array');
  const concurrencyText = parsed.string('concurrency');
  const concurrency =
    concurrencyText === undefined ? os.availableParallelism() : integerArgument('concurrency', concurrencyText, 1);
  const names = (
    await readdir(folder, { withFileTypes: true }).catch((error: Error) => {
      throw new Error(`cannot read the folder ${folder}: ${error.message}`);
    })
  )
    .filter((entry) => entry.isFile() && (isImageFile(entry.name) || entry.name.endsWith('.npy')))
    .map((entry) => entry.name)
    .sort();
  if (path.resolve(folder) === path.resolve(output))
    throw new UsageError('OUTDIR must not be DIR: the outputs would replace the inputs');
  await mkdir(output, { recursive: true });

  // Loaded here, not at the top: only batch runs draw a progress bar.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SingleBar, Presets } = require('cli-progress') as typeof import('cli-progress');
  const bar = new SingleBar(
    { format: 'pooling [{bar}] {value}/{total} files, {eta}s left', stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(names.length, 0);
  const started = process.hrtime.bigint();
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++];
      try {
        outcomes.push({ bytes: await poolFile(path.join(folder, name), path.join(output, name), pooling) });
      } catch (error) {
        // Options can suit one file and not another (a kernel larger than a small image): a
        // file's error is that file's, reported at the end.
        outcomes.push({ bytes: 0, error: `${name}: ${(error as Error).message}` });
      }
      bar.increment();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker));
  } finally {
    bar.stop();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const failed = outcomes.filter((outcome) => outcome.error !== undefined);
  for (const outcome of failed) process.stderr.write(`poolnd batch: skipped ${outcome.error}\n`);
  const pooled = outcomes.length - failed.length;
  const megabytes = outcomes.reduce((total, outcome) => total + outcome.bytes, 0) / 1e6;
  const rate = (amount: number) => (seconds > 0 ? amount / seconds : 0).toFixed(1);
  process.stdout.write(
    `pooled ${pooled} of ${names.length} files in ${seconds.toFixed(2)} s: ${rate(pooled)} files/s, ${rate(megabytes)} MB/s read` +
      `${failed.length > 0 ? `; ${failed.length} skipped` : ''}\n`,
  );
  return failed.length > 0 ? 1 : 0;
}

export const batchCommand: Command = { name: 'batch', summary: 'pool every image and .npy array in a folder', help, run };
