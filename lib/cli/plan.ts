// `poolnd plan --input N,C,H,W LAYER...`: a stack of conv, pooling, flatten and linear layers
// worked through (lib/planner.ts): each layer's output shape, parameters, multiply-accumulates,
// FLOPs and output bytes, with totals, as torchinfo prints a model's summary.
import { readFile } from 'node:fs/promises';

import { type Layer, planLayers } from '../planner';
import { formatCount, formatScaled } from './format';
import { isOptionError } from './pooling';
import { commonHelp, integerListArgument, parse, UsageError, type Command, type Outcome } from './usage';

const help = `Usage: poolnd plan --input N,C,H,W LAYER... | --layers FILE.json [options]

Works through a stack of layers from an input shape (N, C, *spatial): each layer's output shape,
parameters (weights and bias), multiply-accumulates (MACs: what many courses call "FLOPs"), FLOPs
(2 × MACs, plus a pooling's one comparison or addition per tap) and output bytes, with totals.

A LAYER is TYPE or TYPE:KEY=VALUE,...; values with one entry per spatial dim are joined by x:
  conv:out=256,k=5,p=2        conv (out channels, kernel, stride s, padding p: a number, AxB,
                              same or valid, dilation d, groups g, bias=false)
  maxPool2d:k=3,s=2,p=1       any poolnd pooling op by name (maxPool1d/2d/3d, avgPool*, lpPool*
                              with norm=P, adaptiveAvgPool*/adaptiveMaxPool* with out=AxB,
                              globalAvgPool, globalMaxPool, maxUnpool*), ceil for ceil mode
  flatten                     every dim after the batch into one
  linear:out=10               a fully connected layer over the last dim (bias=false to drop it)
Long option names work too (conv:outChannels=256,kernelSize=5).

Options:
  --input SHAPE       the input shape, comma-separated (required with LAYERs)
  --layers FILE       a JSON file: an array of layers as planLayers takes them, or
                      { "input": [...], "layers": [...] }
  --dtype-bytes N     bytes per element for the output sizes (default 4, float32)
${commonHelp}  -h, --help          this help

Example: poolnd plan --input 1,128,100,100 conv:out=32,k=1 conv:out=256,k=5,p=2
`;

// Short keys and what they mean for each kind of layer.
const shortKeys: Record<string, string> = {
  k: 'kernelSize',
  s: 'stride',
  p: 'padding',
  d: 'dilation',
  g: 'groups',
  norm: 'normType',
};

function parseValue(text: string): unknown {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'same' || text === 'valid') return text;
  const parts = text.split('x');
  if (parts.every((part) => /^\d+$/.test(part))) {
    const numbers = parts.map(Number);
    return numbers.length === 1 ? numbers[0] : numbers;
  }
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  throw new UsageError(`cannot read the value ${JSON.stringify(text)}: use a number, AxB, same, valid, true or false`);
}

/** One layer from its command-line token. */
export function parseLayer(token: string): Layer {
  const [type, rest] = token.split(/:(.*)/s, 2);
  const layer: Record<string, unknown> = { type };
  for (const entry of rest ? rest.split(',') : []) {
    const [key, value] = entry.split(/=(.*)/s, 2);
    if (key === '') throw new UsageError(`layer ${JSON.stringify(token)}: an empty option`);
    if (key === 'ceil' && value === undefined) {
      layer.ceilMode = true;
      continue;
    }
    if (value === undefined) throw new UsageError(`layer ${JSON.stringify(token)}: ${key} needs =VALUE`);
    let name = shortKeys[key] ?? key;
    if (key === 'out') name = type === 'conv' ? 'outChannels' : type === 'linear' ? 'outFeatures' : 'outputSize';
    if (key === 'ceil') name = 'ceilMode';
    layer[name] = parseValue(value);
  }
  return layer as unknown as Layer;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 || column === 1 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
        .join('   '),
    )
    .join('\n');
}

async function run(args: string[]): Promise<Outcome> {
  const parsed = parse(args, { input: { type: 'string' }, layers: { type: 'string' }, 'dtype-bytes': { type: 'string' } }, true);
  let inputShape: number[] | undefined =
    parsed.string('input') === undefined ? undefined : integerListArgument('input', parsed.required('input'), 1);
  let layers: Layer[];
  const file = parsed.string('layers');
  if (file !== undefined) {
    if (parsed.positionals.length > 0)
      throw new UsageError('give the layers either on the command line or with --layers, not both');
    const text = await readFile(file, 'utf8').catch((error: Error) => {
      throw new Error(`cannot read ${file}: ${error.message}`);
    });
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file} is not JSON: ${(error as Error).message}`, { cause: error });
    }
    const fromFile = Array.isArray(document) ? { layers: document } : (document as { input?: number[]; layers?: unknown });
    if (!Array.isArray(fromFile.layers))
      throw new UsageError(`${file} must hold an array of layers, or { "input": [...], "layers": [...] }`);
    layers = fromFile.layers as Layer[];
    inputShape ??= fromFile.input;
  } else {
    if (parsed.positionals.length === 0) throw new UsageError('no layers: give LAYERs or --layers FILE');
    layers = parsed.positionals.map(parseLayer);
  }
  if (inputShape === undefined) throw new UsageError('--input is required');
  const bytesText = parsed.string('dtype-bytes');
  const bytesPerElement = bytesText === undefined ? 4 : integerListArgument('dtype-bytes', bytesText, 1)[0];
  let plan;
  try {
    plan = planLayers(inputShape, layers, { bytesPerElement });
  } catch (error) {
    // Layer options keep their library names: tokens may use them.
    if (isOptionError(error)) throw new UsageError((error as Error).message.replace(/^poolnd: planLayers: /, ''));
    throw error;
  }
  const rows = [
    ['Layer', 'Output shape', 'Params', 'MACs', 'FLOPs', 'Output'],
    [
      'input',
      `[${plan.inputShape.join(', ')}]`,
      '',
      '',
      '',
      formatScaled(plan.inputShape.reduce((a, b) => a * b, 1) * bytesPerElement, 'B'),
    ],
    ...plan.layers.map((layer) => [
      layer.name,
      `[${layer.outputShape.join(', ')}]`,
      formatCount(layer.parameters),
      formatCount(layer.macs),
      formatCount(layer.flops),
      formatScaled(layer.outputBytes, 'B'),
    ]),
  ];
  const { totals } = plan;
  const text =
    `${table(rows)}\n\n` +
    `Total params: ${formatCount(totals.parameters)} (weights ${formatCount(totals.weights)}, bias ${formatCount(totals.bias)})\n` +
    `Total MACs: ${formatCount(totals.macs)} (${formatScaled(totals.macs)}; what many courses call FLOPs)\n` +
    `Total FLOPs: ${formatCount(totals.flops)} (${formatScaled(totals.flops)}; 2 × MACs, plus pooling's comparisons and additions)\n` +
    `Output bytes: ${formatCount(totals.outputBytes)} (${formatScaled(totals.outputBytes, 'B')}, ${bytesPerElement} bytes per element)\n`;
  return { document: { ...plan, bytesPerElement }, text };
}

export const planCommand: Command = {
  name: 'plan',
  summary: 'output shapes, parameters and FLOPs of a stack of layers',
  help,
  run,
};
