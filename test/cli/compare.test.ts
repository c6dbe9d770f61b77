// `poolnd compare`: the picture holds the original and the library's max- and average-pooled
// images, each pooled pixel scaled up to a stride × stride block, pixel for pixel.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { avgPool2d, maxPool2d } from '../../dist/index.js';
import { seededRandom } from '../random-cases';
import { runCli } from './run-cli';

const folder = mkdtempSync(path.join(tmpdir(), 'poolnd-cli-compare-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// The layout compare.ts draws: panels of the original's size, 8 pixels apart, below a 22-pixel label row.
const gap = 8;
const labelHeight = 22;
const [height, width, channels] = [24, 36, 3] as const;
const pixels = seededRandom(7).array('Uint8Array', height * width * channels) as Uint8Array;
const source = path.join(folder, 'random.png');
beforeAll(async () => {
  await sharp(pixels, { raw: { width, height, channels } }).png().toFile(source);
});

describe('poolnd compare', () => {
  it('draws the original, max-pooled and average-pooled images side by side', async () => {
    const target = path.join(folder, 'grid.png');
    const run = runCli(['compare', source, '-o', target, '--kernel', '3']);
    expect(run.status, run.stderr).toBe(0);

    const { data, info } = await sharp(target).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([3 * width + 4 * gap, height + labelHeight + 2 * gap, 3]);
    const image = { data: pixels, shape: [height, width, channels] };
    const panels = [
      { pixel: (y: number, x: number) => [y, x], tensor: image },
      {
        pixel: (y: number, x: number) => [Math.floor(y / 3), Math.floor(x / 3)],
        tensor: maxPool2d(image, { kernelSize: 3, channelsLast: true }),
      },
      {
        pixel: (y: number, x: number) => [Math.floor(y / 3), Math.floor(x / 3)],
        tensor: avgPool2d(image, { kernelSize: 3, channelsLast: true }),
      },
    ];
    panels.forEach((panel, index) => {
      const panelWidth = panel.tensor.shape[1];
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const [row, column] = panel.pixel(y, x);
          const at = ((gap + labelHeight + y) * info.width + gap + index * (width + gap) + x) * 3;
          const expected = Array.from(
            panel.tensor.data.subarray((row * panelWidth + column) * 3, (row * panelWidth + column) * 3 + 3),
          );
          expect([data[at], data[at + 1], data[at + 2]], `panel ${index} pixel (${y}, ${x})`).toEqual(expected);
        }
      }
    });
  });

  it('draws a folder of images as grids: inputs, then each op, pooled as one batch', async () => {
    const images = path.join(folder, 'batch');
    mkdirSync(images);
    const random = seededRandom(11);
    const inputs = Array.from({ length: 7 }, () => random.array('Uint8Array', 16 * 16 * 3) as Uint8Array);
    for (const [index, data] of inputs.entries()) {
      await sharp(data, { raw: { width: 16, height: 16, channels: 3 } })
        .png()
        .toFile(path.join(images, `image${index}.png`));
    }
    const target = path.join(folder, 'batch.png');
    const run = runCli(['compare', images, '-o', target, '--kernel', '3', '--ceil', '--max', '6', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout) as { inputs: unknown[]; panels: string[] };
    expect(document.inputs).toHaveLength(6);
    expect(document.panels).toEqual([
      'inputs: 6 images, 16×16×3',
      'max pool, kernel 3, stride 3, ceil: 6×6×3',
      'avg pool, kernel 3, stride 3, ceil: 6×6×3',
    ]);
    // The layout compare.ts draws: 3 columns of 16-pixel tiles at zoom 8 in 2-pixel-framed cells,
    // bands of a label row, the grid and a gap. Each pooled tile is the library's result of its
    // own image, scaled back up with nearest neighbour.
    const cell = 16 * 8 + 2;
    const band = labelHeight + 2 * cell + gap;
    for (const [op, pool, bandIndex] of [
      ['max', maxPool2d, 1],
      ['avg', avgPool2d, 2],
    ] as const) {
      for (const index of [0, 4]) {
        const pooled = pool({ data: inputs[index], shape: [16, 16, 3] }, { kernelSize: 3, ceilMode: true, channelsLast: true });
        const expected = await sharp(Buffer.from(pooled.data), { raw: { width: 6, height: 6, channels: 3 } })
          .resize(128, 128, { kernel: 'nearest', fit: 'fill' })
          .raw()
          .toBuffer();
        const region = {
          left: gap + (index % 3) * cell,
          top: gap + bandIndex * band + labelHeight + Math.floor(index / 3) * cell,
          width: 128,
          height: 128,
        };
        const drawn = await sharp(target).extract(region).raw().toBuffer();
        expect(drawn.equals(expected), `${op} tile ${index}`).toBe(true);
      }
    }
  });

  it('exits 2 on bad arguments and 1 on an unreadable image, with no picture written', () => {
    const target = path.join(folder, 'none.png');
    const tooLarge = runCli(['compare', source, '-o', target, '--kernel', '99']);
    expect(tooLarge.status).toBe(2);
    expect(tooLarge.stderr).toContain('--kernel must be no larger than the padded input');
    const notImage = runCli(['compare', 'notes.txt', '-o', target]);
    expect(notImage.status).toBe(2);
    const missing = runCli(['compare', path.join(folder, 'absent.png'), '-o', target]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('cannot read');
    expect(existsSync(target)).toBe(false);
  });
});
