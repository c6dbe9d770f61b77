// `poolnd batch DIR -o OUTDIR`: pools every image (and .npy array) in a folder, several at once
// through the library's async calls, with a progress bar; a file that fails is reported and
// skipped, and every output is written whole or not at all.
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import type { PoolArray, Tensor } from '../tensor';
import { writeFileAtomically } from './files';
import { imageExtensionsText, isImageFile, readImage, sharp, writeImage } from './images';
import { readNpy, writeNpy } from './npy';
import { defaultDims } from './pool';
import { pool, poolingHelp, poolingOptions, readPooling, type Pooling } from './pooling';
import { commonHelp, integerArgument, parse, UsageError, type Command, type Outcome, type Reporting } from './usage';

const help = `Usage: poolnd batch DIR -o OUTDIR --kernel K [options]

Pools every image (any format the installed sharp reads) and .npy array in DIR into a file of the
same name and kind in OUTDIR, several at once, with a progress bar on a terminal, then prints how
many files it pooled per second and how many megabytes it read per second. It lists every file it
skipped and why: one it does not pool (not ${imageExtensionsText} or .npy), or one that cannot be
read or pooled; the run goes on, and exits 1 at the end if any file failed.

Options:
  -o, --output DIR    the folder to write into (made if missing; required)
${poolingHelp}  --concurrency N     files in flight at once (default: the number of CPUs)
  --recursive         also the files in DIR's subfolders, written to the same subfolders of OUTDIR
  --skip-existing     leave a file alone when its output exists already (listed as skipped)
  --dims, --channels-last   as for poolnd pool: how .npy arrays are read (images are always 2-D,
                      channels last)
${commonHelp}  -h, --help          this help
`;

interface FileOutcome {
  file: string;
  bytes: number;
  error?: string;
}

async function poolFile(source: string, target: string, pooling: Pooling): Promise<number> {
  await mkdir(path.dirname(target), { recursive: true });
  if (isImageFile(source)) {
    if (pooling.op === 'lp') throw new UsageError('--op lp pools float arrays, and image pixels are uint8: use max or avg');
    const image = await readImage(source);
    const result = await pool(image, { ...pooling, channelsLast: true }, 2);
    await writeImage(result as Tensor<Uint8Array>, target);
    return (await stat(source)).size;
  }
  const bytes = await readFile(source);
  const array: Tensor<PoolArray> = readNpy(bytes, source);
  const result = await pool(array, pooling, pooling.dims ?? defaultDims(array.shape.length));
  await writeFileAtomically(target, writeNpy(result));
  return bytes.length;
}

async function run(args: string[], reporting: Reporting): Promise<Outcome> {
  const parsed = parse(
    args,
    {
      ...poolingOptions,
      output: { type: 'string', short: 'o' },
      concurrency: { type: 'string' },
      recursive: { type: 'boolean' },
      'skip-existing': { type: 'boolean' },
    },
    true,
  );
  if (parsed.positionals.length !== 1) throw new UsageError(`one input folder expected, received ${parsed.positionals.length}`);
  const [folder] = parsed.positionals;
  const output = parsed.required('output');
  const pooling = readPooling(parsed);
  const concurrencyText = parsed.string('concurrency');
  const concurrency =
    concurrencyText === undefined ? os.availableParallelism() : integerArgument('concurrency', concurrencyText, 1);
  const recursive = parsed.flag('recursive');
  // Paths relative to DIR, with '/' between folders whatever the platform.
  const files = (
    await readdir(folder, { withFileTypes: true, recursive }).catch((error: Error) => {
      throw new Error(`cannot read the folder ${folder}: ${error.message}`);
    })
  )
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path
        .relative(folder, path.join(entry.parentPath ?? entry.path, entry.name))
        .split(path.sep)
        .join('/'),
    )
    .filter((name) => !path.resolve(folder, name).startsWith(path.resolve(output) + path.sep))
    .sort();
  const poolable = files.filter((name) => isImageFile(name) || name.endsWith('.npy'));
  const notPooled = files
    .filter((name) => !poolable.includes(name))
    .map((name) => ({ file: name, reason: `not an image (${imageExtensionsText}) or a .npy array` }));
  const exists = (name: string) =>
    stat(path.join(output, name)).then(
      () => true,
      () => false,
    );
  const existing = parsed.flag('skip-existing')
    ? new Set((await Promise.all(poolable.map(async (name) => ((await exists(name)) ? name : '')))).filter(Boolean))
    : new Set<string>();
  const names = poolable.filter((name) => !existing.has(name));
  notPooled.push(...[...existing].map((name) => ({ file: name, reason: 'its output exists (--skip-existing)' })));
  // Without sharp no image can be read: say so once, not once per file.
  if (names.some(isImageFile)) sharp();
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
  // No bar where a script reads the output.
  if (!reporting.json) bar.start(names.length, 0);
  const started = process.hrtime.bigint();
  const outcomes: FileOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++];
      try {
        outcomes.push({ file: name, bytes: await poolFile(path.join(folder, name), path.join(output, name), pooling) });
      } catch (error) {
        // Options can suit one file and not another (a kernel larger than a small image): a
        // file's error is that file's, reported at the end.
        outcomes.push({ file: name, bytes: 0, error: (error as Error).message });
      }
      if (!reporting.json) bar.increment();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker));
  } finally {
    if (!reporting.json) bar.stop();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const failed = outcomes
    .filter((outcome) => outcome.error !== undefined)
    .map((outcome) => ({ file: outcome.file, reason: outcome.error! }))
    .sort((a, b) => a.file.localeCompare(b.file));
  const skipped = [...notPooled, ...failed];
  if (!reporting.json) for (const { file, reason } of skipped) process.stderr.write(`poolnd batch: skipped ${file}: ${reason}\n`);
  const pooled = outcomes.length - failed.length;
  const megabytes = outcomes.reduce((total, outcome) => total + outcome.bytes, 0) / 1e6;
  const rate = (amount: number) => (seconds > 0 ? amount / seconds : 0);
  return {
    document: {
      input: folder,
      output,
      files: files.length,
      pooled,
      skipped,
      seconds,
      filesPerSecond: rate(pooled),
      megabytesPerSecond: rate(megabytes),
    },
    text:
      `pooled ${pooled} of ${names.length} files in ${seconds.toFixed(2)} s: ${rate(pooled).toFixed(1)} files/s, ` +
      `${rate(megabytes).toFixed(1)} MB/s read${failed.length > 0 ? `; ${failed.length} skipped` : ''}` +
      `${notPooled.length > 0 ? `; ${notPooled.length} not pooled` : ''}\n`,
    exitCode: failed.length > 0 ? 1 : 0,
  };
}

export const batchCommand: Command = { name: 'batch', summary: 'pool every image and .npy array in a folder', help, run };
