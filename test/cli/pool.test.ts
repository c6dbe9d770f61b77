// `poolnd pool` on .npy files: the file it writes holds what the library computes, and bad
// arguments (exit 2) or a bad input file (exit 1) leave no output behind.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';

import type * as poolnd from '../../dist/index.js';
import { avgPool2d, lpPool1d, maxPool2d, maxPool3d } from '../../dist/index.js';
import { readNpy, writeNpy } from '../../dist/cli/npy.js';
import { seededRandom } from '../random-cases';
import { runCli } from './run-cli';

const folder = mkdtempSync(path.join(tmpdir(), 'poolnd-cli-pool-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const random = seededRandom(20261123);

function writeInput(name: string, data: Float32Array | Float64Array | Uint8Array | Int16Array, shape: number[]): string {
  const file = path.join(folder, name);
  writeFileSync(file, writeNpy({ data, shape }));
  return file;
}

function pooled(file: string) {
  return readNpy(readFileSync(file), file);
}

type NpyInput = { data: Float32Array | Float64Array | Uint8Array | Int16Array; shape: number[] };

/** Writes the input as NAME.npy, runs `poolnd pool` on it with the flags, and reads back what it wrote. */
function poolNpy(name: string, input: NpyInput, flags: string[]) {
  const target = path.join(folder, `${name}-out.npy`);
  const run = runCli(['pool', writeInput(`${name}.npy`, input.data, input.shape), '-o', target, ...flags]);
  expect(run.status, run.stderr).toBe(0);
  return pooled(target);
}

function expectSameTensor(result: { data: ArrayLike<number>; shape: number[] }, expected: poolnd.Tensor): void {
  expect(result.shape).toEqual(expected.shape);
  expect(Array.from(result.data)).toEqual(Array.from(expected.data as ArrayLike<number>));
}

describe('poolnd pool', () => {
  it('max-pools a float32 NCHW array as maxPool2d does', () => {
    const input = { data: random.array('Float32Array', 2 * 3 * 9 * 10) as Float32Array, shape: [2, 3, 9, 10] };
    const result = poolNpy('max', input, ['--kernel', '3', '--stride', '2', '--padding', '1', '--ceil']);
    expectSameTensor(result, maxPool2d(input, { kernelSize: 3, stride: 2, padding: 1, ceilMode: true }));
  });

  it('average-pools uint8 channels-last images in their own type, with avg options', () => {
    const input = { data: random.array('Uint8Array', 4 * 7 * 3) as Uint8Array, shape: [4, 7, 3] };
    const result = poolNpy('image', input, '--op avg --kernel 2 --padding 1 --exclude-pad --channels-last'.split(' '));
    expect(result.data).toBeInstanceOf(Uint8Array);
    expectSameTensor(result, avgPool2d(input, { kernelSize: 2, padding: 1, countIncludePad: false, channelsLast: true }));
  });

  it('takes --dims: LP pooling along one dim of a rank-3 array, and 3-D max pooling of a rank-5 one', () => {
    const input = { data: random.array('Float64Array', 2 * 4 * 11) as Float64Array, shape: [2, 4, 11] };
    expectSameTensor(
      poolNpy('signal', input, ['--op', 'lp', '--norm', '3', '--kernel', '3', '--dims', '1']),
      lpPool1d(input, { normType: 3, kernelSize: 3 }),
    );

    const volume = { data: random.array('Float32Array', 1 * 2 * 4 * 4 * 4) as Float32Array, shape: [1, 2, 4, 4, 4] };
    expectSameTensor(poolNpy('volume', volume, ['--kernel', '2']), maxPool3d(volume, { kernelSize: 2 }));
  });

  it('pools an image in its own uint8 pixels, each channel on its own, into the same kind of image', async () => {
    const [height, width, channels] = [10, 14, 3] as const;
    const pixels = random.array('Uint8Array', height * width * channels) as Uint8Array;
    const source = path.join(folder, 'photo.png');
    await sharp(pixels, { raw: { width, height, channels } }).png().toFile(source);
    const target = path.join(folder, 'photo-out.png');
    const run = runCli(['pool', source, '-o', target, '--op', 'avg', '--kernel', '3', '--stride', '2', '--padding', '1']);
    expect(run.status, run.stderr).toBe(0);
    const expected = avgPool2d(
      { data: pixels, shape: [height, width, channels] },
      { kernelSize: 3, stride: 2, padding: 1, channelsLast: true },
    );
    const { data, info } = await sharp(target).raw().toBuffer({ resolveWithObject: true });
    expect([info.height, info.width, info.channels, info.format]).toEqual([...expected.shape, 'raw']);
    expect(Array.from(data)).toEqual(Array.from(expected.data));
    const jpeg = path.join(folder, 'photo-out.jpg');
    expect(runCli(['pool', source, '-o', jpeg, '--kernel', '2']).status).toBe(0);
    expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
    const lp = runCli(['pool', source, '-o', target, '--op', 'lp', '--kernel', '2']);
    expect(lp.status).toBe(2);
    expect(lp.stderr).toContain('--op lp pools float arrays, and image pixels are uint8');
  });

  it.each([
    [['--kernel', '2'], '--output is required'],
    [['-o', 'OUT', '--kernel', '2', '--op', 'median'], '--op must be max, avg or lp, received "median"'],
    [['-o', 'OUT', '--kernel', '2', '--op', 'avg', '--dilation', '2'], '--dilation does not apply to --op avg'],
    [['-o', 'OUT', '--kernel', '20'], '--kernel must be no larger than the padded input'],
    [['-o', 'OUT', '--kernel', '2', '--op', 'lp', '--norm', '0'], '--norm must be a number above 0'],
    [
      ['-o', 'OUT.png', '--kernel', '2'],
      'IN and OUT must both be images (.png, .jpg, .jpeg, .jpe, .jfif, .webp, .tif, .tiff, .gif, .avif, .heic, .heif, .svg, .jp2, .jxl) or both .npy files',
    ],
  ])('exits 2 on %j and writes nothing', (args, message) => {
    const source = writeInput('small.npy', new Float32Array(2 * 5 * 5), [2, 5, 5]);
    const target = path.join(folder, 'bad-args-out.npy');
    const run = runCli(['pool', source, ...args.map((arg) => (arg === 'OUT' ? target : arg))]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(readdirSync(folder).filter((name) => name.startsWith('bad-args-out') || name.includes('.partial'))).toEqual([]);
  });

  it('exits 1 on a missing or unreadable input, with no output left behind', () => {
    const target = path.join(folder, 'missing-out.npy');
    const missing = runCli(['pool', path.join(folder, 'absent.npy'), '-o', target, '--kernel', '2']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('cannot read');
    const fortran = new URL('./fixtures/fortran_float32_2x3.npy', import.meta.url).pathname;
    const bad = runCli(['pool', fortran, '-o', target, '--kernel', '1']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Fortran order');
    expect(readdirSync(folder).filter((name) => name.startsWith('missing-out') || name.includes('.partial'))).toEqual([]);
  });
});
