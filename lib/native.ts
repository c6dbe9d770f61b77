// Loads the native addon and encodes normalised requests for it (see native/binding/).
import { constants as bufferConstants } from 'node:buffer';
import * as path from 'node:path';
import nodeGypBuild from 'node-gyp-build';

import type { Conversion } from './ops/model-input';
import type { Window } from './shape';
import {
  arrayLength,
  arrayLike,
  bufferByteLength,
  copyInto,
  hasResizableBuffer,
  isSharedArray,
  arrayTypeNames,
  elementTypeName,
  type ArrayTypeName,
  type InputTensor,
  type PoolArray,
  useResultMemory,
} from './tensor';
import { poolError } from './validate';

type PoolArguments = [
  request: ArrayBuffer,
  input: PoolArray,
  output: PoolArray,
  indices: Int32Array | null,
  windowStarts: Int32Array | null,
  normalization: Float64Array | null,
];

interface Binding {
  // Both return -1, or for max-unpooling the position of the first index outside the output plane.
  // `request` holds the float64 fields of requestLayout.
  // `windowStarts`: fractional windows' starts, else null; `normalization`: model input's means
  // then deviations, else null.
  pool(...args: PoolArguments): number;
  poolAsync(...args: PoolArguments): Promise<number>;
  /** A large result's ArrayBuffer on memory poolnd keeps between results, or undefined (see native/runtime/result_memory.h). */
  resultBuffer(byteLength: number): ArrayBuffer | undefined;
  smallestResultBytes: number;
  trimResultMemory(): void;
  /** [bytes cached, result buffers not yet finalized] */
  resultMemoryState(): [number, number];
  simdLevel(): string;
  limitSimdLevel(level: string): boolean;
  threadCount(): number;
  setThreadCount(count: number): void;
  setDefaultThreadCount(count: number): void;
  maxThreadCount: number;
  /** Every SIMD level's name (native/runtime/runtime.h), whether or not this CPU has it. */
  simdLevels: string[];
  // The lists below come from native/binding/request_layout.h and native/kernels/pool_request.h;
  // checkBinding() makes sure they have every name this file uses.
  /** Where each request field starts in the float64 request; spatial fields take spatialDims slots. */
  requestLayout: Record<string, number>;
  codes: {
    operations: Record<string, number>;
    layouts: Record<string, number>;
    windowKinds: Record<string, number>;
    /** By element type: 'float32', 'uint8', ... as in the typed arrays' names. */
    dataTypes: Record<string, number>;
  };
}

const packageRoot = path.join(__dirname, '..');

// What scripts/install.js prints too: the build tools are the app's to add, not poolnd's dependencies.
const buildFromSourceHelp =
  'Build it from source, with cmake (>= 3.15) and a C++17 compiler installed (Debian/Ubuntu: apt-get install cmake g++):\n' +
  '  npm install --save-dev cmake-js node-addon-api && npm rebuild poolnd --build-from-source';

function explainLoadFailure(cause: unknown): Error {
  const libc = process.report?.getReport
    ? ((process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime ?? 'not glibc')
    : 'unknown';
  const reason = cause instanceof Error ? cause.message : String(cause);
  const error = new Error(
    `poolnd: could not load the native addon for ${process.platform}-${process.arch} ` +
      `(libc: ${libc}, Node ${process.versions.node}, N-API ${process.versions.napi}).\n` +
      `Cause: ${reason}\n` +
      `${buildFromSourceHelp}`,
  );
  (error as Error & { code: string }).code = 'ERR_POOLND_NATIVE_LOAD';
  return error;
}

function loadBinding(): { binding: Binding; bindingPath: string } {
  try {
    const bindingPath = nodeGypBuild.resolve(packageRoot);
    // The addon's path is known only at run time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { binding: require(bindingPath) as Binding, bindingPath };
  } catch (cause) {
    throw explainLoadFailure(cause);
  }
}

export const { binding, bindingPath } = loadBinding();

export type PoolOperation = 'maxPool' | 'avgPool' | 'lpPool' | 'globalMaxPool' | 'globalAvgPool' | 'maxUnpool';
export type WindowKind = 'strided' | 'adaptive' | 'fractional';

const requestFields = [
  'operation',
  'dataType',
  'layout',
  'windowKind',
  'batch',
  'channels',
  'inputSize',
  'outputSize',
  'kernelSize',
  'stride',
  'padBegin',
  'padEnd',
  'dilation',
  'countIncludePad',
  'divisorOverride',
  'normType',
  'outputType',
  'outputLayout',
  'scale',
  'fieldCount',
  'spatialDims',
] as const;
const operations: readonly PoolOperation[] = ['maxPool', 'avgPool', 'lpPool', 'globalMaxPool', 'globalAvgPool', 'maxUnpool'];

// A binary from another version of this package could name things differently: fail at load, not
// with a wrong request.
function checkBinding(): void {
  const missing = (kind: string, names: readonly string[], record: Record<string, number>) =>
    names.filter((name) => typeof record[name] !== 'number').map((name) => `${kind} ${name}`);
  const problems = [
    ...missing('request field', requestFields, binding.requestLayout),
    ...missing('operation', operations, binding.codes.operations),
    ...missing('layout', ['channelsFirst', 'channelsLast'], binding.codes.layouts),
    ...missing('window kind', ['strided', 'adaptive', 'fractional'], binding.codes.windowKinds),
    ...missing('data type', arrayTypeNames.map(elementTypeName), binding.codes.dataTypes),
  ];
  if (problems.length > 0) throw explainLoadFailure(new Error(`the addon at ${bindingPath} lacks ${problems.join(', ')}`));
}

checkBinding();

// Large results on the addon's result memory. Its cached blocks go back to the system once no large
// result has been made for two seconds and every one made has been collected.
const trimAfterMs = 2000;
let lastResultAt = 0;
let trimTimer: ReturnType<typeof setTimeout> | undefined;

function trimWhenIdle(): void {
  trimTimer = undefined;
  const idleMs = performance.now() - lastResultAt;
  if (idleMs >= trimAfterMs) binding.trimResultMemory();
  if (idleMs < trimAfterMs || binding.resultMemoryState()[1] > 0) {
    trimTimer = setTimeout(trimWhenIdle, idleMs < trimAfterMs ? trimAfterMs - idleMs : trimAfterMs);
    trimTimer.unref?.(); // never what keeps the process alive
  }
}

useResultMemory({
  smallestBytes: binding.smallestResultBytes,
  buffer(byteLength) {
    if (byteLength > bufferConstants.MAX_LENGTH) return undefined; // the engine refuses it anyway
    lastResultAt = performance.now();
    if (trimTimer === undefined) trimWhenIdle();
    return binding.resultBuffer(byteLength);
  },
});

const layout = binding.requestLayout as Record<(typeof requestFields)[number], number>;
const codes = binding.codes;
const dataTypeOfArray = Object.fromEntries(
  arrayTypeNames.map((arrayType) => [arrayType, codes.dataTypes[elementTypeName(arrayType)]]),
) as Record<ArrayTypeName, number>;

/** What native needs of a window: output sizes, and for strided windows their parameters. */
export type NativeWindow = Pick<Window, 'outputSize'> & Partial<Omit<Window, 'outputSize' | 'ceilMode'>>;

export interface PoolCall {
  operation: PoolOperation;
  windowKind?: WindowKind; // default 'strided'
  input: InputTensor;
  window: NativeWindow;
  output: PoolArray;
  // Max pooling's indices output, or max-unpooling's indices input.
  indices: Int32Array | null;
  countIncludePad?: boolean;
  divisorOverride?: number; // absent or 0: none
  normType?: number;
  /** `output` (and max pooling's `indices`) is the caller's `out` (`indicesOut`), not an array made for this call. */
  outputFromCaller?: boolean;
  indicesFromCaller?: boolean;
  /**
   * Fractional windows (windowKind 'fractional'): per (n, c) plane, the window starts of each of
   * the three spatial dims native sees (size-1 leading dims included), a new array of this call's.
   */
  windowStarts?: Int32Array;
  /** Model input: the output's type and layout and the normalisation; absent: the op's own. */
  conversion?: Conversion;
}

// Native reads the request before returning (also for async calls), so one buffer serves all calls.
const requestBuffer = new ArrayBuffer(layout.fieldCount * Float64Array.BYTES_PER_ELEMENT);
const request = new Float64Array(requestBuffer);

const spatialDims = layout.spatialDims;

function setSpatial(offset: number, values: readonly number[] | undefined, fill: number): void {
  // Kernels see three spatial dims; lower ranks are right-aligned behind size-1 dims.
  const lead = values === undefined ? spatialDims : spatialDims - values.length;
  for (let dim = 0; dim < spatialDims; dim++) {
    request[offset + dim] = dim < lead ? fill : values![dim - lead];
  }
}

function encode(call: PoolCall): ArrayBuffer {
  const { input, window } = call;
  request[layout.operation] = codes.operations[call.operation];
  request[layout.dataType] = dataTypeOfArray[input.arrayType];
  // One channel is the same bytes in either layout; the channels-first kernels walk them faster.
  const layoutCode = (channelsLast: boolean) =>
    channelsLast && input.channels !== 1 ? codes.layouts.channelsLast : codes.layouts.channelsFirst;
  request[layout.layout] = layoutCode(input.channelsLast);
  request[layout.windowKind] = codes.windowKinds[call.windowKind ?? 'strided'];
  request[layout.batch] = input.batch;
  request[layout.channels] = input.channels;
  setSpatial(layout.inputSize, input.spatial, 1);
  setSpatial(layout.outputSize, window.outputSize, 1);
  setSpatial(layout.kernelSize, window.kernelSize, 1);
  setSpatial(layout.stride, window.stride, 1);
  setSpatial(layout.padBegin, window.padBegin, 0);
  setSpatial(layout.padEnd, window.padEnd, 0);
  setSpatial(layout.dilation, window.dilation, 1);
  request[layout.countIncludePad] = call.countIncludePad ? 1 : 0;
  request[layout.divisorOverride] = call.divisorOverride ?? 0;
  request[layout.normType] = call.normType ?? 0;
  const { conversion } = call;
  request[layout.outputType] = conversion === undefined ? request[layout.dataType] : dataTypeOfArray[conversion.outputType];
  request[layout.outputLayout] = conversion === undefined ? request[layout.layout] : layoutCode(conversion.channelsLast);
  request[layout.scale] = conversion?.scale ?? 1;
  return requestBuffer;
}

/** Runs a call; returns -1, or max-unpooling's first invalid index position (nothing written). */
export function runPool(call: PoolCall): number {
  if (arrayLength(call.output) === 0) return -1;
  const normalization = call.conversion?.normalization ?? null;
  return binding.pool(encode(call), call.input.data, call.output, call.indices, call.windowStarts ?? null, normalization);
}

// Where a caller's array stands when an async call starts: what must be unchanged when it ends.
interface WatchedArray {
  subject: string;
  array: PoolArray;
  length: number;
  bufferBytes: number;
}

function watch(watched: WatchedArray[], subject: string, array: PoolArray): void {
  // A SharedArrayBuffer can be neither detached nor shrunk, and growing one is harmless.
  if (!isSharedArray(array)) watched.push({ subject, array, length: arrayLength(array), bufferBytes: bufferByteLength(array) });
}

/**
 * Runs a call off the JavaScript thread on the caller's arrays in place, as fs.read and sharp do:
 * the contract (API.md, Async) is that they stay as passed until the promise settles. A detached
 * array reads as length 0, and a resize changes its buffer's length (and a length-tracking
 * array's); either is found here and rejects the call. A resizable ArrayBuffer is the exception
 * that gets a private copy: shrinking one may decommit its pages, which would crash a kernel
 * still on them rather than fail the call.
 */
export async function runPoolAsync(fn: string, call: PoolCall): Promise<number> {
  if (arrayLength(call.output) === 0) return -1;
  const watched: WatchedArray[] = [];
  watch(watched, 'the input', call.input.data);
  const readable = <T extends PoolArray>(array: T) => (hasResizableBuffer(array) ? copyInto(arrayLike(array), array) : array);
  const writable = <T extends PoolArray>(array: T) => (hasResizableBuffer(array) ? arrayLike(array) : array);
  const input = readable(call.input.data);
  let output = call.output;
  let indices = call.indices;
  if (call.outputFromCaller) {
    watch(watched, "option 'out'", call.output);
    output = writable(call.output);
  }
  if (call.indices !== null && call.operation === 'maxUnpool') {
    watch(watched, 'the indices', call.indices);
    indices = readable(call.indices);
  } else if (call.indices !== null && call.indicesFromCaller) {
    watch(watched, "option 'indicesOut'", call.indices);
    indices = writable(call.indices);
  }
  const normalization = call.conversion?.normalization ?? null;
  const status = await binding.poolAsync(encode(call), input, output, indices, call.windowStarts ?? null, normalization);
  for (const { subject, array, length, bufferBytes } of watched) {
    const now = { length: arrayLength(array), bufferBytes: bufferByteLength(array) };
    if (now.length !== length || now.bufferBytes !== bufferBytes) {
      throw poolError(
        'type',
        'ERR_POOLND_DETACHED',
        fn,
        `the buffer of ${subject}`,
        `left attached and unresized until the promise settles (it was ${bufferBytes} bytes when the call started, now ${now.bufferBytes})`,
        array,
      );
    }
  }
  // A private output of a resizable `out` goes back to it, unless nothing was written (status >= 0).
  if (status < 0 && output !== call.output) copyInto(call.output, output);
  if (status < 0 && indices !== call.indices && call.operation !== 'maxUnpool') copyInto(call.indices!, indices!);
  return status;
}
