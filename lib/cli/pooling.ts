// The pooling options the pool, batch and compare commands share, read from the command line,
// and the library call they make.
import * as poolnd from '../index';
import { arrayTypeName, elementTypeName, type PoolArray, type Tensor } from '../tensor';
import { Arguments, integerArgument, paddingArgument, UsageError, windowArgument } from './usage';

/** The window options of every command that pools or works out a pooling's shape. */
export const windowOptions = {
  kernel: { type: 'string' },
  stride: { type: 'string' },
  padding: { type: 'string' },
  dilation: { type: 'string' },
  ceil: { type: 'boolean' },
  dims: { type: 'string' },
  'channels-last': { type: 'boolean' },
} as const;

export const poolingOptions = {
  ...windowOptions,
  op: { type: 'string' },
  'exclude-pad': { type: 'boolean' },
  divisor: { type: 'string' },
  norm: { type: 'string' },
} as const;

export const poolingHelp = `  --op max|avg|lp     the pooling (default max)
  --kernel K          kernel size: one number, or one per spatial dim ("3" or "3,2") (required)
  --stride S          stride (default: the kernel size)
  --padding P         padding: one number, one per spatial dim, 'valid' or 'same' (max, avg)
  --dilation D        dilation (max)
  --ceil              ceil mode
  --exclude-pad       avg: leave padding out of the divisor (count_include_pad=False)
  --divisor N         avg: divide by N instead
  --norm P            lp: the norm's p (default 2)
`;

export type PoolOp = 'max' | 'avg' | 'lp';

export interface Pooling {
  op: PoolOp;
  options: Record<string, unknown>;
  dims?: 1 | 2 | 3;
  channelsLast: boolean;
}

/** The pooling the arguments ask for; dims stays open when not given (the input decides). */
export function readPooling(parsed: Arguments): Pooling {
  const op = parsed.string('op') ?? 'max';
  if (op !== 'max' && op !== 'avg' && op !== 'lp')
    throw new UsageError(`--op must be max, avg or lp, received ${JSON.stringify(op)}`);
  const options: Record<string, unknown> = {
    kernelSize: windowArgument('kernel', parsed.required('kernel'), 1),
    stride: windowArgument('stride', parsed.string('stride'), 1),
    ceilMode: parsed.flag('ceil'),
  };
  const only = (name: string, ops: PoolOp[]) => {
    if ((parsed.string(name) !== undefined || parsed.flag(name)) && !ops.includes(op)) {
      throw new UsageError(`--${name} does not apply to --op ${op}`);
    }
  };
  only('padding', ['max', 'avg']);
  only('dilation', ['max']);
  only('exclude-pad', ['avg']);
  only('divisor', ['avg']);
  only('norm', ['lp']);
  if (op !== 'lp') options.padding = paddingArgument(parsed.string('padding'));
  if (op === 'max') options.dilation = windowArgument('dilation', parsed.string('dilation'), 1);
  if (op === 'avg') {
    options.countIncludePad = !parsed.flag('exclude-pad');
    const divisor = parsed.string('divisor');
    if (divisor !== undefined) options.divisorOverride = integerArgument('divisor', divisor, 1);
  }
  if (op === 'lp') {
    const norm = Number(parsed.string('norm') ?? '2');
    if (!Number.isFinite(norm) || norm <= 0)
      throw new UsageError(`--norm must be a number above 0, received ${JSON.stringify(parsed.string('norm'))}`);
    options.normType = norm;
  }
  const dimsText = parsed.string('dims');
  let dims: 1 | 2 | 3 | undefined;
  if (dimsText !== undefined) {
    const value = integerArgument('dims', dimsText, 1);
    if (value > 3) throw new UsageError(`--dims must be 1, 2 or 3, received ${value}`);
    dims = value as 1 | 2 | 3;
  }
  return { op, options, dims, channelsLast: parsed.flag('channels-last') };
}

/** The element type of an array as NumPy and ONNX name it (uint8 for image pixels). */
export function elementType(data: PoolArray): string {
  return elementTypeName(arrayTypeName(data)!);
}

/** A library error about the options (a PoolndError) is the caller's mistake: exit code 2. */
export function isOptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_POOLND_') && code !== 'ERR_POOLND_NATIVE_LOAD';
}

const functions = {
  max: [poolnd.maxPool1dAsync, poolnd.maxPool2dAsync, poolnd.maxPool3dAsync],
  avg: [poolnd.avgPool1dAsync, poolnd.avgPool2dAsync, poolnd.avgPool3dAsync],
  lp: [poolnd.lpPool1dAsync, poolnd.lpPool2dAsync, poolnd.lpPool3dAsync],
} as const;

// The library's option names, as the flags that set them.
const flagOfOption: Record<string, string> = {
  kernelSize: '--kernel',
  stride: '--stride',
  padding: '--padding',
  dilation: '--dilation',
  ceilMode: '--ceil',
  countIncludePad: '--exclude-pad',
  divisorOverride: '--divisor',
  normType: '--norm',
};

/** A library error's message in the command line's terms: flags for options, no function name. */
export function inFlagTerms(message: string): string {
  return message
    .replace(/^poolnd: \w+: /, '')
    .replace(/option '(\w+)(\[\d+\])?'/g, (whole, name: string, entry = '') =>
      name in flagOfOption ? `${flagOfOption[name]}${entry}` : whole,
    );
}

/** Pools the tensor off the event loop (the library's async form); library errors become UsageErrors. */
export async function pool(tensor: Tensor<PoolArray>, pooling: Pooling, dims: 1 | 2 | 3): Promise<Tensor<PoolArray>> {
  const run = functions[pooling.op][dims - 1] as unknown as (
    input: Tensor<PoolArray>,
    options: Record<string, unknown>,
  ) => Promise<Tensor<PoolArray>>;
  try {
    return await run(tensor, { ...pooling.options, channelsLast: pooling.channelsLast });
  } catch (error) {
    if (isOptionError(error)) throw new UsageError(inFlagTerms((error as Error).message));
    throw error;
  }
}
