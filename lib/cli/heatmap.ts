// Heatmaps for the spectrogram command: panels of values drawn with a colormap (origin at the
// bottom, as a spectrogram's low frequencies are), with axes, ticks, titles and a shared colorbar,
// composed into one PNG with sharp.
import { escapeXml } from './format';
import { sharp } from './images';

export interface HeatmapPanel {
  title: string;
  /** rows × columns, row-major; row 0 is drawn at the bottom. */
  values: Float32Array | Float64Array;
  rows: number;
  columns: number;
}

export interface FigureLabels {
  x: string;
  y: string;
  colorbar: string;
}

const plotWidth = 360;
const plotHeight = 260;
const marginLeft = 62;
const marginRight = 22;
const marginTop = 34;
const marginBottom = 52;
const colorbarWidth = 18;
const colorbarSpace = 80;

/** Tick values from 0 (or `low`) to `high`, at a step of 1, 2 or 5 times a power of ten, at most `count` of them. */
function ticks(low: number, high: number, count: number): number[] {
  const span = Math.max(high - low, 1e-9);
  const rough = span / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => span / candidate <= count) ?? 10 * power;
  const values: number[] = [];
  for (let value = Math.ceil(low / step) * step; value <= high + step * 1e-9; value += step)
    values.push(Math.round(value * 1e9) / 1e9);
  return values;
}

// The colormap's RGB for each of 256 levels.
function palette(name: string): Uint8Array {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const colormap = require('colormap') as typeof import('colormap');
  const colours = colormap({ colormap: name, nshades: 256, format: 'rgb' });
  return Uint8Array.from(colours.flatMap(([r, g, b]) => [r, g, b]));
}

// The panel drawn at the plot's size, each pixel the value nearest its centre (a nearest-neighbour
// resize, done while colouring: a minute of audio has thousands of frames for 360 pixels).
function panelPixels(panel: HeatmapPanel, colours: Uint8Array, low: number, high: number): Buffer {
  const pixels = Buffer.alloc(plotWidth * plotHeight * 3);
  const scale = high > low ? 255 / (high - low) : 0;
  const columnOf = Int32Array.from({ length: plotWidth }, (_, x) => Math.floor(((x + 0.5) * panel.columns) / plotWidth));
  for (let y = 0; y < plotHeight; y++) {
    const row = panel.rows - 1 - Math.floor(((y + 0.5) * panel.rows) / plotHeight); // origin at the bottom
    const source = row * panel.columns;
    for (let x = 0, target = y * plotWidth * 3; x < plotWidth; x++, target += 3) {
      const level = 3 * Math.max(0, Math.min(255, Math.round((panel.values[source + columnOf[x]] - low) * scale)));
      pixels[target] = colours[level];
      pixels[target + 1] = colours[level + 1];
      pixels[target + 2] = colours[level + 2];
    }
  }
  return pixels;
}

/**
 * One PNG: the panels side by side on one colour scale (the values' range across every panel),
 * each with its title, axes and ticks, and a colorbar at the right.
 */
export async function heatmapFigure(panels: HeatmapPanel[], labels: FigureLabels, colormapName = 'inferno'): Promise<Buffer> {
  const colours = palette(colormapName);
  let low = Infinity;
  let high = -Infinity;
  for (const panel of panels) {
    for (const value of panel.values) {
      if (value < low) low = value;
      if (value > high) high = value;
    }
  }
  const panelWidth = marginLeft + plotWidth + marginRight;
  const width = panels.length * panelWidth + colorbarSpace;
  const height = marginTop + plotHeight + marginBottom;
  // Panels go to the composite as raw pixels: no PNG encoded and decoded per panel.
  const layers: { input: Buffer; left: number; top: number; raw?: { width: number; height: number; channels: 3 } }[] = [];
  const svg: string[] = [];
  const text = (x: number, y: number, content: string, attributes = '') =>
    svg.push(`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attributes}>${escapeXml(content)}</text>`);

  for (const [index, panel] of panels.entries()) {
    const left = index * panelWidth + marginLeft;
    const image = panelPixels(panel, colours, low, high);
    layers.push({ input: image, left, top: marginTop, raw: { width: plotWidth, height: plotHeight, channels: 3 } });
    svg.push(`<rect x="${left}" y="${marginTop}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#222"/>`);
    text(left + plotWidth / 2, marginTop - 12, panel.title, 'text-anchor="middle" font-size="13" font-weight="bold"');
    // Pixel centres sit at whole numbers, as imshow draws them.
    for (const value of ticks(0, panel.columns - 1, 5)) {
      const x = left + ((value + 0.5) / panel.columns) * plotWidth;
      svg.push(
        `<line x1="${x.toFixed(1)}" y1="${marginTop + plotHeight}" x2="${x.toFixed(1)}" y2="${marginTop + plotHeight + 5}" stroke="#222"/>`,
      );
      text(x, marginTop + plotHeight + 18, String(value), 'text-anchor="middle" font-size="11"');
    }
    for (const value of ticks(0, panel.rows - 1, 5)) {
      const y = marginTop + plotHeight - ((value + 0.5) / panel.rows) * plotHeight;
      svg.push(`<line x1="${left - 5}" y1="${y.toFixed(1)}" x2="${left}" y2="${y.toFixed(1)}" stroke="#222"/>`);
      text(left - 8, y + 4, String(value), 'text-anchor="end" font-size="11"');
    }
    text(left + plotWidth / 2, marginTop + plotHeight + 40, labels.x, 'text-anchor="middle" font-size="12"');
    const labelY = marginTop + plotHeight / 2;
    text(left - 44, labelY, labels.y, `text-anchor="middle" font-size="12" transform="rotate(-90 ${left - 44} ${labelY})"`);
  }

  // The colorbar: high at the top.
  const barLeft = panels.length * panelWidth + 8;
  const gradient = Buffer.alloc(256 * 3);
  for (let level = 0; level < 256; level++) gradient.set(colours.subarray(level * 3, level * 3 + 3), (255 - level) * 3);
  const bar = await sharp()(gradient, { raw: { width: 1, height: 256, channels: 3 } })
    .resize(colorbarWidth, plotHeight, { kernel: 'nearest', fit: 'fill' })
    .raw()
    .toBuffer();
  layers.push({ input: bar, left: barLeft, top: marginTop, raw: { width: colorbarWidth, height: plotHeight, channels: 3 } });
  svg.push(`<rect x="${barLeft}" y="${marginTop}" width="${colorbarWidth}" height="${plotHeight}" fill="none" stroke="#222"/>`);
  for (const value of ticks(low, high, 6)) {
    const y = marginTop + plotHeight - ((value - low) / (high - low || 1)) * plotHeight;
    svg.push(
      `<line x1="${barLeft + colorbarWidth}" y1="${y.toFixed(1)}" x2="${barLeft + colorbarWidth + 4}" y2="${y.toFixed(1)}" stroke="#222"/>`,
    );
    text(barLeft + colorbarWidth + 7, y + 4, String(value), 'font-size="11"');
  }
  text(barLeft + colorbarWidth / 2, marginTop - 12, labels.colorbar, 'text-anchor="middle" font-size="12"');

  const overlay = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" fill="#111">${svg.join('')}</svg>`;
  return sharp()({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([...layers, { input: Buffer.from(overlay), left: 0, top: 0 }])
    .png()
    .toBuffer();
}
