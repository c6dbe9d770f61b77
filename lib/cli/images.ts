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

const formats: Record<string, 'png' | 'jpeg' | 'webp' | 'tiff'> = {
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.webp': 'webp',
  '.tif': 'tiff',
  '.tiff': 'tiff',
};

export const imageExtensions = Object.keys(formats);

export function isImageFile(file: string): boolean {
  return path.extname(file).toLowerCase() in formats;
}

/** An image's pixels: uint8, shape [height, width, channels]. */
export async function readImage(file: string): Promise<Tensor<Uint8Array>> {
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
  const format = formats[path.extname(file).toLowerCase()];
  return sharp()(image.data, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } })
    .toFormat(format)
    .toBuffer();
}

export async function writeImage(image: Tensor<Uint8Array>, file: string): Promise<void> {
  await writeFileAtomically(file, await encodeImage(image, file));
}
