// `poolnd compare IN... -o grid.png`: images beside their max- and average-pooled versions,
// labelled, the pooled ones scaled back up with nearest neighbour so their blocks show. One image
// is drawn as three panels side by side; several (or a folder) as three bands of image grids, the
// inputs above each op's outputs, as the course shows a pooled batch of CIFAR-10 images.
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';

import { avgPool2dAsync, maxPool2dAsync } from '../index';
import type { WindowOptions } from '../shape';
import type { Tensor } from '../tensor';
import { writeFileAtomically } from './files';
import { escapeXml } from './format';
import { encodeImage, imageExtensionsText, imageFormat, isImageFile, readImage, sharp } from './images';
import { inFlagTerms, isOptionError } from './pooling';
import type { Command, Outcome } from './usage';
import { commonHelp, integerArgument, paddingArgument, parse, UsageError, valueOptions, windowArgument } from './usage';

const help = `Usage: poolnd compare IN... -o OUT.png [--kernel K] [--stride S] [--padding P] [--ceil] [--max N]

Writes one picture of images (any format the installed sharp reads) beside their max-pooled and
average-pooled versions, each labelled with the op, window and shapes. The pooled images are
scaled back up with nearest neighbour, so each output pixel shows as a block. One image gives
three panels side by side; several images, or a folder of them, give three bands of grids: the
inputs, then the max-pooled ones, then the average-pooled ones (images of one size are pooled
as one batch).

Options:
  -o, --output FILE   the picture to write (required; its extension picks the format)
  --kernel K          kernel size (default 4)
  --stride S          stride (default: the kernel size)
  --padding P         padding: one number, one per dim, 'valid' or 'same' (default 0)
  --ceil              ceil mode
  --max N             at most N images, the first in name order (default 64)
${commonHelp}  -h, --help          this help
`;

const labelHeight = 22;
const gap = 8;

const shapeText = (image: Tensor<Uint8Array>) => image.shape.join('×');

// The image files the arguments name: files as given, folders' images in name order.
async function inputFiles(names: string[], limit: number): Promise<string[]> {
  const files: string[] = [];
  for (const name of names) {
    if (isImageFile(name)) {
      files.push(name);
      continue;
    }
    const info = await stat(name).catch(() => undefined);
    if (!info?.isDirectory()) throw new UsageError(`IN must be images (${imageExtensionsText}) or folders of them: ${name}`);
    const entries = (await readdir(name)).filter(isImageFile).sort();
    if (entries.length === 0) throw new Error(`${name} holds no images (${imageExtensionsText})`);
    files.push(...entries.map((entry) => path.join(name, entry)));
  }
  return files.slice(0, limit);
}

interface Pooled {
  max: Tensor<Uint8Array>[];
  avg: Tensor<Uint8Array>[];
}

// Images of one shape as one (N, H, W, C) batch's data.
function stacked(images: Tensor<Uint8Array>[]): Uint8Array {
  const size = images[0].data.length;
  const data = new Uint8Array(images.length * size);
  images.forEach((image, n) => data.set(image.data, n * size));
  return data;
}

// Pools every image with both ops: images of one shape as one (N, H, W, C) batch.
async function poolImages(images: Tensor<Uint8Array>[], options: Record<string, unknown>): Promise<Pooled> {
  const pooled: Pooled = { max: [], avg: [] };
  const sameShape = images.every((image) => image.shape.join() === images[0].shape.join());
  const groups = sameShape && images.length > 1 ? [images] : images.map((image) => [image]);
  for (const group of groups) {
    const [height, width, channels] = group[0].shape;
    const batch: Tensor<Uint8Array> =
      group.length === 1
        ? group[0]
        : {
            data: stacked(group),
            shape: [group.length, height, width, channels],
          };
    for (const op of ['max', 'avg'] as const) {
      const run = op === 'max' ? maxPool2dAsync : avgPool2dAsync;
      const result = (await run(batch, options as unknown as WindowOptions<2> & { channelsLast: true })) as Tensor<Uint8Array>;
      if (group.length === 1) {
        pooled[op].push(result);
        continue;
      }
      const [, outHeight, outWidth] = result.shape;
      const size = outHeight * outWidth * channels;
      for (let n = 0; n < group.length; n++) {
        pooled[op].push({ data: result.data.subarray(n * size, (n + 1) * size), shape: [outHeight, outWidth, channels] });
      }
    }
  }
  return pooled;
}

// An image as PNG at (width, height), scaled with nearest neighbour.
async function tile(image: Tensor<Uint8Array>, width: number, height: number): Promise<Buffer> {
  return sharp()(await encodeImage(image, 'tile.png'))
    .resize(width, height, { kernel: 'nearest', fit: 'fill' })
    .png()
    .toBuffer();
}

interface Layer {
  input: Buffer;
  top: number;
  left: number;
}

async function writePicture(output: string, width: number, height: number, layers: Layer[], labels: string[]): Promise<number[]> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${labels.join('')}</svg>`;
  const grid = await sharp()({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }, ...layers])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const picture = {
    data: new Uint8Array(grid.data.buffer, grid.data.byteOffset, grid.data.length),
    shape: [grid.info.height, grid.info.width, grid.info.channels],
  };
  await writeFileAtomically(output, await encodeImage(picture, output));
  return picture.shape;
}

const label = (x: number, y: number, text: string) =>
  `<text x="${x}" y="${y}" font-family="sans-serif" font-size="13" fill="#111">${escapeXml(text)}</text>`;

async function run(args: string[]): Promise<Outcome> {
  const options = {
    output: { type: 'string', short: 'o' },
    ceil: { type: 'boolean' },
    ...valueOptions('kernel', 'stride', 'padding', 'max'),
  } as const;
  const parsed = parse(args, options, true);
  if (parsed.positionals.length === 0) throw new UsageError('no input: give images or a folder of them');
  const output = parsed.required('output');
  if (!isImageFile(output)) throw new UsageError(`OUT must be an image (${imageExtensionsText})`);
  const kernelSize = windowArgument('kernel', parsed.string('kernel') ?? '4', 1)!;
  const stride = windowArgument('stride', parsed.string('stride'), 1) ?? kernelSize;
  const padding = paddingArgument(parsed.string('padding'));
  const ceilMode = parsed.flag('ceil');
  const limit = integerArgument('max', parsed.string('max') ?? '64', 1);
  imageFormat(output, 'output'); // before any work
  const files = await inputFiles(parsed.positionals, limit);
  const images = await Promise.all(files.map(readImage));
  // Per-dim lists of any length: the library checks them against the image's rank.
  const poolOptions = { kernelSize, stride, padding, ceilMode, channelsLast: true };
  let pooled: Pooled;
  try {
    pooled = await poolImages(images, poolOptions);
  } catch (error) {
    if (isOptionError(error)) throw new UsageError(inFlagTerms((error as Error).message));
    throw error;
  }
  const window = `kernel ${String(kernelSize)}, stride ${String(stride)}${padding === undefined ? '' : `, padding ${String(padding)}`}${ceilMode ? ', ceil' : ''}`;

  let shape: number[];
  let panels: string[];
  if (images.length === 1) {
    const [image] = images;
    const [height, width] = image.shape;
    panels = [
      `original ${shapeText(image)}`,
      `max pool, ${window}: ${shapeText(pooled.max[0])}`,
      `avg pool, ${window}: ${shapeText(pooled.avg[0])}`,
    ];
    // Nearest-neighbour back to the original's size: each pooled pixel becomes a block.
    const pictures = [
      await encodeImage(image, 'panel.png'),
      await tile(pooled.max[0], width, height),
      await tile(pooled.avg[0], width, height),
    ];
    shape = await writePicture(
      output,
      pictures.length * width + (pictures.length + 1) * gap,
      height + labelHeight + 2 * gap,
      pictures.map((input, index) => ({ input, top: gap + labelHeight, left: gap + index * (width + gap) })),
      panels.map((text, index) => label(gap + index * (width + gap), gap + 15, text)),
    );
  } else {
    // Every image in a tile of the largest one's size, drawn at a whole zoom to about 512 pixels wide.
    const tileHeight = Math.max(...images.map((image) => image.shape[0]));
    const tileWidth = Math.max(...images.map((image) => image.shape[1]));
    const columns = Math.ceil(Math.sqrt(images.length));
    const rows = Math.ceil(images.length / columns);
    const zoom = Math.max(1, Math.min(8, Math.floor(512 / (columns * tileWidth))));
    const cellWidth = tileWidth * zoom + 2;
    const cellHeight = tileHeight * zoom + 2;
    const bandHeight = labelHeight + rows * cellHeight + gap;
    const sizes = (tensors: Tensor<Uint8Array>[]) => [...new Set(tensors.map(shapeText))].join(', ');
    panels = [
      `inputs: ${images.length} images, ${sizes(images)}`,
      `max pool, ${window}: ${sizes(pooled.max)}`,
      `avg pool, ${window}: ${sizes(pooled.avg)}`,
    ];
    const layers: Layer[] = [];
    for (const [band, tensors] of [images, pooled.max, pooled.avg].entries()) {
      for (const [index, tensor] of tensors.entries()) {
        const [height, width] = images[index].shape; // pooled images scaled back to their input's size
        layers.push({
          input: await tile(tensor, width * zoom, height * zoom),
          top: gap + band * bandHeight + labelHeight + Math.floor(index / columns) * cellHeight,
          left: gap + (index % columns) * cellWidth,
        });
      }
    }
    shape = await writePicture(
      output,
      Math.max(2 * gap + columns * cellWidth, 420),
      gap + 3 * bandHeight,
      layers,
      panels.map((text, band) => label(gap, gap + band * bandHeight + 15, text)),
    );
  }
  return {
    document: {
      inputs: files.map((file, index) => ({ file, shape: images[index].shape })),
      output: { file: output, shape },
      kernelSize,
      stride,
      padding: padding ?? 0,
      ceilMode,
      panels,
    },
    text: `wrote ${output}: ${panels.join('; ')}\n`,
  };
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'images beside their max- and average-pooled versions, as panels or grids',
  help,
  run,
};
