// The arrays an async call's kernel works on. JavaScript goes on while the kernel runs, and could
// detach (transfer) or shrink the ArrayBuffer of an array in use, freeing its memory under the
// kernel; Node-API has no way to pin it. So the kernel touches only memory nothing else can
// detach: arrays made for the call, SharedArrayBuffer-backed arrays (which cannot be detached),
// and private copies of the caller's other arrays, whose results are written back at the end.
import { arrayBuffer, arrayByteLength, arrayByteOffset, arrayLength, arrayOver, copyElements, type PoolArray } from './tensor';
import { rangeError } from './validate';

const isShared = (array: PoolArray): boolean =>
  typeof SharedArrayBuffer === 'function' && arrayBuffer(array) instanceof SharedArrayBuffer;

// Private buffers are kept between calls: a new buffer of many megabytes costs its page faults,
// several times the copy itself (a fresh 200 MB copy takes 130 ms here, a reused one about 20).
// Small ones are cheap to allocate and are not kept. The kept ones are bounded, and let go once
// no call has finished for a while, so that an idle process holds nothing.
const smallestKept = 64 * 1024;
const keptBytesLimit = 1024 * 1024 * 1024;
const keptCountLimit = 16;
const keptIdleMs = 2000;
const kept: ArrayBuffer[] = [];
let keptBytes = 0;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function letKeptGo(): void {
  kept.length = 0;
  keptBytes = 0;
  idleTimer = undefined;
}

function takeBuffer(byteLength: number): ArrayBuffer {
  // The smallest kept buffer that fits without wasting more than half of it.
  let best = -1;
  for (let i = 0; i < kept.length; i++) {
    const size = kept[i].byteLength;
    if (size >= byteLength && size <= 2 * byteLength && (best < 0 || size < kept[best].byteLength)) best = i;
  }
  if (best < 0) return new ArrayBuffer(byteLength);
  const [buffer] = kept.splice(best, 1);
  keptBytes -= buffer.byteLength;
  return buffer;
}

function keep(buffer: ArrayBuffer): void {
  if (buffer.byteLength < smallestKept || buffer.byteLength > keptBytesLimit) return;
  while (kept.length >= keptCountLimit || keptBytes + buffer.byteLength > keptBytesLimit) keptBytes -= kept.shift()!.byteLength;
  kept.push(buffer);
  keptBytes += buffer.byteLength;
  // Restarted by every kept buffer; unref'd, so it never holds the process open.
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  idleTimer = setTimeout(letKeptGo, keptIdleMs);
  idleTimer.unref?.();
}

// Large copies go through Buffer's copy (a memmove), which is some 40% faster here than
// TypedArray's set, whose element copies must also suit shared memory.
function copyInto(target: PoolArray, source: PoolArray): void {
  if (arrayByteLength(source) < smallestKept) {
    copyElements(target, source);
    return;
  }
  const bytes = (array: PoolArray) => Buffer.from(arrayBuffer(array), arrayByteOffset(array), arrayByteLength(array));
  bytes(source).copy(bytes(target));
}

export class AsyncArrays {
  private readonly buffers: ArrayBuffer[] = [];

  /** What the kernel reads for the caller's array: the array itself when it cannot be detached, else a copy. */
  read<T extends PoolArray>(array: T): T {
    if (isShared(array)) return array;
    const copy = this.privateArray(array);
    copyInto(copy, array);
    return copy;
  }

  /** Where the kernel writes for `array`: itself when made for the call or not detachable, else a private array. */
  written<T extends PoolArray>(array: T, fromCaller: boolean | undefined): T {
    return !fromCaller || isShared(array) ? array : this.privateArray(array);
  }

  /** Copies a private result into the caller's array, which must still be as it was passed. */
  writeBack(fn: string, name: string, target: PoolArray, written: PoolArray): void {
    if (target === written) return;
    // A detached array has length 0; a length-tracking one over a resized buffer, another length.
    const length = arrayLength(written);
    if (arrayLength(target) !== length) {
      throw rangeError(
        fn,
        `option '${name}'`,
        `of length ${length} until the call settles`,
        target,
        'ERR_POOLND_OUT_SIZE_MISMATCH',
      );
    }
    copyInto(target, written);
  }

  /** Once the kernel has finished: the private buffers may serve later calls. */
  release(): void {
    for (const buffer of this.buffers) keep(buffer);
    this.buffers.length = 0;
  }

  private privateArray<T extends PoolArray>(like: T): T {
    const bytes = arrayByteLength(like);
    const buffer = bytes >= smallestKept ? takeBuffer(bytes) : new ArrayBuffer(bytes);
    this.buffers.push(buffer);
    return arrayOver(like, buffer);
  }
}
