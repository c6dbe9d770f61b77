// Images for the CLI through sharp, which is loaded only here, when an image is read or written
// (`import 'poolnd'` never loads it, and poolnd does not depend on it: it is an optional peer).
// Pixels stay uint8, height × width × channels, as sharp decodes them.
import * as path from 'node:path';

import type { Tensor } from '../tensor';
import { writeFileAtomically } from './files';

type Sharp = typeof import('sharp');

let sharpModule: Sharp | undefined;

/** The sharp module, loaded on first use; an explained error when it is not installed. */
export function sharp(): Sharp {
  if (sharpModule === undefined) {
    try {
      // An optional dependency, loaded on first use.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      sharpModule = require('sharp') as Sharp;
    } catch (error) {
      throw new Error(
        `reading and writing images needs sharp, which did not load (${(error as Error).message.split('\n')[0]}): npm install sharp`,
        {
          cause: error,
        },
      );
    }
  }
  return sharpModule;
}

// Extensions of the formats sharp reads where its libvips has them. Which of them the installed
// sharp reads and writes is asked of sharp.format when an image is opened or written.
const imageSuffixes = [
  '.png',
  '.jpg',
  '.jpeg',
  '.jpe',
  '.jfif',
  '.webp',
  '.tif',
  '.tiff',
  '.gif',
  '.avif',
  '.heic',
  '.heif',
  '.svg',
  '.jp2',
  '.jxl',
];

/** The image extensions, for messages. */
export const imageExtensionsText = imageSuffixes.join(', ');

export function isImageFile(file: string): boolean {
  return imageSuffixes.includes(path.extname(file).toLowerCase());
}

/** The sharp format that reads (or writes) a file of this name; an explained error if none does. */
export function imageFormat(file: string, direction: 'input' | 'output'): string {
  const suffix = path.extname(file).toLowerCase();
  const formats = Object.entries(sharp().format).filter(([, info]) => info[direction].file);
  const match = formats.find(([, info]) => info.input.fileSuffix?.includes(suffix));
  if (match !== undefined) return match[0] === 'heif' && suffix === '.avif' ? 'avif' : match[0];
  const supported = formats.flatMap(([, info]) => info.input.fileSuffix ?? []);
  throw new Error(
    `the installed sharp (libvips ${sharp().versions.vips}) cannot ${direction === 'input' ? 'read' : 'write'} ${suffix} ` +
      `files; it ${direction === 'input' ? 'reads' : 'writes'} ${supported.join(', ')}`,
  );
}

/** An image's pixels: uint8, shape [height, width, channels]. */
export async function readImage(file: string): Promise<Tensor<Uint8Array>> {
  imageFormat(file, 'input');
  try {
    const { data, info } = await sharp()(file).raw().toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), shape: [info.height, info.width, info.channels] };
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Encodes pixels ([height, width, channels], uint8) as the image the extension names. */
export async function encodeImage(image: Tensor<Uint8Array>, file: string): Promise<Buffer> {
  const [height, width, channels] = image.shape;
  const format = imageFormat(file, 'output') as keyof import('sharp').FormatEnum;
  return sharp()(image.data, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } })
    .toFormat(format)
    .toBuffer();
}

export async function writeImage(image: Tensor<Uint8Array>, file: string): Promise<void> {
  await writeFileAtomically(file, await encodeImage(image, file));
}
