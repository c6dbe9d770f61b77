// NumPy's .npy files (format versions 1 to 3): C-order arrays of the types poolnd pools, read into
// and written from typed arrays. https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
import type { PoolArray } from '../tensor';

const magic = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // "\x93NUMPY"

type TypedArrayConstructor = { new (length: number): PoolArray; BYTES_PER_ELEMENT: number; name: string };

// descr (without its byte-order mark) → array type; one-byte types carry '|'.
const arrayTypes: Record<string, TypedArrayConstructor> = {
  f4: Float32Array,
  f8: Float64Array,
  i1: Int8Array,
  u1: Uint8Array,
  i2: Int16Array,
  u2: Uint16Array,
  i4: Int32Array,
  u4: Uint32Array,
};

export interface NpyArray {
  data: PoolArray;
  shape: number[];
}

/** A problem with a file's contents (exit code 1), as opposed to how the command was called. */
export class NpyError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: not a .npy file poolnd reads: ${problem}`);
    this.name = 'NpyError';
  }
}

/** The array in a .npy file's bytes; `file` names it in errors. */
export function readNpy(bytes: Buffer, file: string): NpyArray {
  if (bytes.length < 10 || !bytes.subarray(0, 6).equals(magic)) throw new NpyError(file, 'no NUMPY magic string');
  const major = bytes[6];
  if (major < 1 || major > 3) throw new NpyError(file, `format version ${major}.${bytes[7]}`);
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const headerStart = major === 1 ? 10 : 12;
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) throw new NpyError(file, 'the header runs past the end of the file');
  const header = bytes.toString(major === 3 ? 'utf8' : 'latin1', headerStart, dataStart);
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    throw new NpyError(file, `header ${header.trim()}`);
  if (fortran === 'True') throw new NpyError(file, 'Fortran order (save it in C order: np.ascontiguousarray)');
  // Little-endian ('<'), native ('=': the arches poolnd runs on are little-endian) or one byte ('|').
  const order = descr[0];
  const type = arrayTypes[descr.slice(1)] as TypedArrayConstructor | undefined;
  if (
    type === undefined ||
    !(order === '<' || order === '=' || order === '|' || (order === '>' && type.BYTES_PER_ELEMENT === 1))
  ) {
    throw new NpyError(
      file,
      `element type ${descr} (poolnd reads little-endian float32, float64 and 8-, 16- and 32-bit integers)`,
    );
  }
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(Number);
  if (shape.some((size) => !Number.isSafeInteger(size) || size < 0)) throw new NpyError(file, `shape (${shapeText})`);
  const length = shape.reduce((a, b) => a * b, 1);
  const byteLength = length * type.BYTES_PER_ELEMENT;
  if (bytes.length - dataStart !== byteLength) {
    throw new NpyError(
      file,
      `shape (${shape.join(', ')}) of ${descr} needs ${byteLength} data bytes, the file has ${bytes.length - dataStart}`,
    );
  }
  // A copy, so that the array is aligned whatever the header's length.
  const data = new type(length);
  Buffer.from(data.buffer, data.byteOffset, byteLength).set(bytes.subarray(dataStart));
  return { data, shape };
}

const descrs = new Map<string, string>(Object.entries(arrayTypes).map(([descr, type]) => [type.name, descr]));

/** A .npy file (format 1.0, as NumPy writes it) holding the array, little-endian and C order. */
export function writeNpy(array: NpyArray): Buffer {
  const name =
    array.data instanceof Uint8ClampedArray
      ? 'Uint8Array'
      : (Object.getPrototypeOf(array.data) as { constructor: { name: string } }).constructor.name;
  const descr = descrs.get(name);
  if (descr === undefined) throw new TypeError(`writeNpy: no .npy type for ${name}`);
  const order = array.data.BYTES_PER_ELEMENT === 1 ? '|' : '<';
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  let header = `{'descr': '${order}${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  // Spaces and a newline pad magic, version, length and header to a multiple of 64 bytes.
  const unpadded = magic.length + 4 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const prefix = Buffer.alloc(magic.length + 4);
  magic.copy(prefix);
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  const data = Buffer.from(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1'), data]);
}
