// `poolnd batch`: every image and array in a folder pooled as `poolnd pool` would, a bad file
// reported and skipped (exit 1) without stopping the rest, and a summary of the rate.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';

import { maxPool2d } from '../../dist/index.js';
import { readNpy, writeNpy } from '../../dist/cli/npy.js';
import { seededRandom } from '../random-cases';
import { runCli } from './run-cli';

const folder = mkdtempSync(path.join(tmpdir(), 'poolnd-cli-batch-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const random = seededRandom(99);

describe('poolnd batch', () => {
  it('pools every image and array, skips and reports a bad file, and summarises the rate', async () => {
    const input = path.join(folder, 'in');
    const output = path.join(folder, 'out');
    mkdirSync(input);
    const images = new Map<string, Uint8Array>();
    for (const [index, name] of ['one.png', 'two.png', 'three.webp', 'four.png', 'five.png'].entries()) {
      const pixels = random.array('Uint8Array', 8 * (10 + index) * 3) as Uint8Array;
      images.set(name, pixels);
      await sharp(pixels, { raw: { width: 10 + index, height: 8, channels: 3 } }).toFile(path.join(input, name));
    }
    const array = { data: random.array('Float32Array', 2 * 6 * 6) as Float32Array, shape: [2, 6, 6] };
    writeFileSync(path.join(input, 'array.npy'), writeNpy(array));
    writeFileSync(path.join(input, 'broken.png'), 'not a picture');
    writeFileSync(path.join(input, 'notes.txt'), 'not pooled');

    const run = runCli(['batch', input, '-o', output, '--kernel', '2', '--concurrency', '3']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('poolnd batch: skipped broken.png: cannot read');
    expect(run.stderr).toContain('poolnd batch: skipped notes.txt: not an image');
    expect(run.stdout).toMatch(
      /^pooled 6 of 7 files in [\d.]+ s: [\d.]+ files\/s, [\d.]+ MB\/s read; 1 skipped; 1 not pooled\n$/,
    );

    // --json: one document, no progress bar, every skipped file with its reason.
    const again = runCli(['batch', input, '-o', path.join(folder, 'out-json'), '--kernel', '2', '--json']);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe('');
    const document = JSON.parse(again.stdout) as {
      command: string;
      pooled: number;
      files: number;
      skipped: { file: string; reason: string }[];
    };
    expect(document.command).toBe('batch');
    expect([document.pooled, document.files]).toEqual([6, 8]);
    expect(document.skipped.map((entry) => entry.file)).toEqual(['notes.txt', 'broken.png']);
    expect(document.skipped[1].reason).toContain('cannot read');
    expect(readdirSync(output).sort()).toEqual(['array.npy', 'five.png', 'four.png', 'one.png', 'three.webp', 'two.png']);

    for (const name of ['one.png', 'two.png', 'four.png', 'five.png']) {
      const pixels = images.get(name)!;
      const width = pixels.length / (8 * 3);
      const expected = maxPool2d({ data: pixels, shape: [8, width, 3] }, { kernelSize: 2, channelsLast: true });
      const { data } = await sharp(path.join(output, name)).raw().toBuffer({ resolveWithObject: true });
      expect(Array.from(data), name).toEqual(Array.from(expected.data));
    }
    const pooled = readNpy(readFileSync(path.join(output, 'array.npy')), 'array.npy');
    expect(Array.from(pooled.data)).toEqual(Array.from(maxPool2d(array, { kernelSize: 2 }).data));
  });

  it('--recursive mirrors subfolders, --skip-existing leaves done files alone, --channels-last reads arrays', () => {
    const input = path.join(folder, 'tree');
    const output = path.join(folder, 'tree-out');
    mkdirSync(path.join(input, 'a', 'b'), { recursive: true });
    const top = { data: random.array('Float32Array', 4 * 4 * 3) as Float32Array, shape: [4, 4, 3] };
    const deep = { data: random.array('Float32Array', 6 * 6 * 2) as Float32Array, shape: [6, 6, 2] };
    writeFileSync(path.join(input, 'top.npy'), writeNpy(top));
    writeFileSync(path.join(input, 'a', 'b', 'deep.npy'), writeNpy(deep));
    const args = ['batch', input, '-o', output, '--kernel', '2', '--channels-last', '--json'];

    const flat = JSON.parse(runCli(args).stdout) as { pooled: number };
    expect(flat.pooled).toBe(1); // without --recursive, only DIR's own files
    const run = runCli([...args, '--recursive']);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { pooled: number }).pooled).toBe(2);
    const pooledDeep = readNpy(readFileSync(path.join(output, 'a', 'b', 'deep.npy')), 'deep.npy');
    expect(pooledDeep.shape).toEqual([3, 3, 2]);
    expect(Array.from(pooledDeep.data)).toEqual(Array.from(maxPool2d(deep, { kernelSize: 2, channelsLast: true }).data));

    const again = JSON.parse(runCli([...args, '--recursive', '--skip-existing']).stdout) as {
      pooled: number;
      skipped: { file: string; reason: string }[];
    };
    expect(again.pooled).toBe(0);
    expect(again.skipped.map((entry) => entry.file).sort()).toEqual(['a/b/deep.npy', 'top.npy']);
    expect(again.skipped[0].reason).toContain('--skip-existing');
  });

  it('stops at once without sharp, with one message, when the folder holds images', () => {
    const input = path.join(folder, 'no-sharp');
    mkdirSync(input);
    for (const name of ['a.png', 'b.png', 'c.jpg']) writeFileSync(path.join(input, name), 'whatever');
    const preload = fileURLToPath(new URL('./fixtures/without-sharp.cjs', import.meta.url));
    const run = runCli(['batch', input, '-o', path.join(folder, 'no-sharp-out'), '--kernel', '2'], undefined, [
      '--require',
      preload,
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr.match(/needs sharp/g)).toHaveLength(1);
    expect(run.stderr).not.toContain('skipped');
  });

  it('exits 2 on bad arguments and 1 on a missing folder', () => {
    expect(runCli(['batch', folder, '--kernel', '2']).status).toBe(2);
    expect(runCli(['batch', folder, '-o', folder, '--kernel', '2']).stderr).toContain('OUTDIR must not be DIR');
    const missing = runCli(['batch', path.join(folder, 'absent'), '-o', path.join(folder, 'x'), '--kernel', '2']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('cannot read the folder');
    expect(existsSync(path.join(folder, 'x'))).toBe(false);
  });
});
