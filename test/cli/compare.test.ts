// `poolnd compare`: the picture holds the original and the library's max- and average-pooled
// images, each pooled pixel scaled up to a stride × stride block, pixel for pixel.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
