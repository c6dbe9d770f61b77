// `poolnd compare IN -o grid.png`: the original image beside its max- and average-pooled
// versions, labelled, the pooled ones scaled back up with nearest neighbour so their blocks show.
import { avgPool2dAsync, maxPool2dAsync } from '../index';
import type { Tensor } from '../tensor';
import type { WindowOptions } from '../shape';
import { writeFileAtomically } from './files';
import { encodeImage, imageExtensionsText, imageFormat, isImageFile, readImage, sharp } from './images';
import { inFlagTerms, isOptionError } from './pooling';
import { commonHelp, parse, UsageError, windowArgument, type Command, type Outcome } from './usage';

const help = `Usage: poolnd compare IN -o OUT.png [--kernel K] [--stride S]

Writes one picture: the image IN (any format the installed sharp reads), then its max-pooled and its
average-pooled versions, each labelled with the op, kernel, stride and shapes. The pooled images
are scaled back up with nearest neighbour, so each output pixel shows as a block.

Options:
  -o, --output FILE   the picture to write (required; its extension picks the format)
  --kernel K          kernel size (default 4)
  --stride S          stride (default: the kernel size)
${commonHelp}  -h, --help          this help
`;

const labelHeight = 22;
const gap = 8;

const shapeText = (image: Tensor<Uint8Array>) => image.shape.join('×');

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function run(args: string[]): Promise<Outcome> {
  const parsed = parse(
    args,
    { output: { type: 'string', short: 'o' }, kernel: { type: 'string' }, stride: { type: 'string' } },
    true,
  );
  if (parsed.positionals.length !== 1) throw new UsageError(`one input image expected, received ${parsed.positionals.length}`);
  const [input] = parsed.positionals;
  const output = parsed.required('output');
  if (!isImageFile(input) || !isImageFile(output)) throw new UsageError(`IN and OUT must be images (${imageExtensionsText})`);
  const kernelSize = windowArgument('kernel', parsed.string('kernel') ?? '4', 1)!;
  const stride = windowArgument('stride', parsed.string('stride'), 1) ?? kernelSize;
  imageFormat(output, 'output'); // before any work
  const image = await readImage(input);
  // Per-dim lists of any length: the library checks them against the image's rank.
  const options = { kernelSize, stride, channelsLast: true } as WindowOptions<2> & { channelsLast: boolean };
  let pooled: [string, Tensor<Uint8Array>][];
  try {
    pooled = [
      ['max', await maxPool2dAsync(image, options)],
      ['avg', await avgPool2dAsync(image, options)],
    ];
  } catch (error) {
    if (isOptionError(error)) throw new UsageError(inFlagTerms((error as Error).message));
    throw error;
  }
  const [height, width] = image.shape;
  const describeWindow = `kernel ${String(kernelSize)}, stride ${String(stride)}`;
  const panels: { label: string; png: Buffer }[] = [
    { label: `original ${shapeText(image)}`, png: await encodeImage(image, 'panel.png') },
  ];
  for (const [op, result] of pooled) {
    // Nearest-neighbour back to the original's size: each pooled pixel becomes a block.
    const png = await sharp()(await encodeImage(result, 'panel.png'))
      .resize(width, height, { kernel: 'nearest', fit: 'fill' })
      .png()
      .toBuffer();
    panels.push({ label: `${op} pool, ${describeWindow}: ${shapeText(result)}`, png });
  }
  const gridWidth = panels.length * width + (panels.length + 1) * gap;
  const gridHeight = height + labelHeight + 2 * gap;
  const labels = panels
    .map(
      (panel, index) =>
        `<text x="${gap + index * (width + gap)}" y="${gap + 15}" font-family="sans-serif" font-size="13" fill="#111">${escapeXml(panel.label)}</text>`,
    )
    .join('');
  const grid = await sharp()({ create: { width: gridWidth, height: gridHeight, channels: 3, background: '#ffffff' } })
    .composite([
      {
        input: Buffer.from(
          `<svg xmlns="http://www.w3.org/2000/svg" width="${gridWidth}" height="${labelHeight + gap}">${labels}</svg>`,
        ),
        top: 0,
        left: 0,
      },
      ...panels.map((panel, index) => ({ input: panel.png, top: gap + labelHeight, left: gap + index * (width + gap) })),
    ])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const picture = {
    data: new Uint8Array(grid.data.buffer, grid.data.byteOffset, grid.data.length),
    shape: [grid.info.height, grid.info.width, grid.info.channels],
  };
  await writeFileAtomically(output, await encodeImage(picture, output));
  return {
    document: {
      input: { file: input, shape: image.shape },
      output: { file: output, shape: picture.shape },
      kernelSize,
      stride,
      panels: panels.map((panel) => panel.label),
    },
    text: `wrote ${output}: ${panels.map((panel) => panel.label).join('; ')}\n`,
  };
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'an image beside its max- and average-pooled versions',
  help,
  run,
};
