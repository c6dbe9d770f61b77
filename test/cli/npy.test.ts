// .npy files: NumPy-written fixtures (scripts/generate_npy_fixtures.py) read into the arrays the
// generator's formulas give, written back byte for byte as NumPy wrote them, and the kinds
// poolnd does not read rejected with a reason.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { readNpy, writeNpy } from '../../dist/cli/npy.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const range = (count: number, of: (i: number) => number) => Array.from({ length: count }, (_, i) => of(i));

const cases: [string, string, number[], number[]][] = [
  ['float32_2x3x4.npy', 'Float32Array', [2, 3, 4], range(24, (i) => i / 4)],
  ['float64_1x1x3x3.npy', 'Float64Array', [1, 1, 3, 3], range(9, (i) => -1 + i * 0.25)],
  ['uint8_1x3x5x6.npy', 'Uint8Array', [1, 3, 5, 6], range(90, (i) => (i * 37) % 256)],
  ['int8_4.npy', 'Int8Array', [4], [-128, -1, 0, 127]],
  ['int16_2x5.npy', 'Int16Array', [2, 5], range(10, (i) => 0 - i * 3001)],
  ['uint16_3x2.npy', 'Uint16Array', [3, 2], range(6, (i) => i * 10007)],
  ['int32_2x2x2.npy', 'Int32Array', [2, 2, 2], range(8, (i) => 0 - i * 123456789)],
  ['uint32_5.npy', 'Uint32Array', [5], [0, 1, 2 ** 31, 2 ** 32 - 1, 12345]],
];

describe('.npy files', () => {
  it.each(cases)('reads %s as a %s of shape %j', (name, type, shape, values) => {
    const array = readNpy(readFileSync(fixture(name)), name);
    expect(array.data.constructor.name).toBe(type);
    expect(array.shape).toEqual(shape);
    expect(Array.from(array.data)).toEqual(values);
  });

  it.each(cases)('writes %s back byte for byte', (name) => {
    const bytes = readFileSync(fixture(name));
    expect(writeNpy(readNpy(bytes, name)).equals(bytes)).toBe(true);
  });

  it('reads format version 2', () => {
    const array = readNpy(readFileSync(fixture('version2_float32_2x3.npy')), 'v2');
    expect(array.shape).toEqual([2, 3]);
    expect(Array.from(array.data)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it.each([
    ['fortran_float32_2x3.npy', 'Fortran order'],
    ['bigendian_float32_4.npy', 'element type >f4'],
    ['bool_4.npy', 'element type |b1'],
  ])('rejects %s: %s', (name, reason) => {
    expect(() => readNpy(readFileSync(fixture(name)), name)).toThrow(`${name}: not a .npy file poolnd reads: ${reason}`);
  });

  it('rejects a file that is not .npy, or whose data is cut short', () => {
    expect(() => readNpy(Buffer.from('PNG not npy'), 'x.npy')).toThrow(
      'x.npy: not a .npy file poolnd reads: no NUMPY magic string',
    );
    const bytes = readFileSync(fixture('float32_2x3x4.npy'));
    expect(() => readNpy(bytes.subarray(0, bytes.length - 4), 'cut.npy')).toThrow('needs 96 data bytes, the file has 92');
  });
});
