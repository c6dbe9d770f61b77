// The speed chart bench/RESULTS.svg: per case, at one thread, each implementation's share of the
// bandwidth ceiling (the probe's time over its own) on a log scale, so the peers' bars, often
// under 5%, stay visible beside poolnd's. Plain SVG, no dependency.

import { ceilingAt } from './report.mjs';

const WIDTH = 960;
const LABEL_WIDTH = 250;
const BAR_HEIGHT = 13;
const BAR_GAP = 3;
const CASE_GAP = 26;
const SCALE_FROM = 0.001; // 0.1% of the ceiling at the left edge; 100% at the right
const COLOURS = {
  ceiling: '#9e9e9e',
  'poolnd alloc': '#0d47a1',
  'poolnd out=': '#64b5f6',
  'poolnd async alloc': '#4527a0',
  'poolnd async out=': '#9575cd',
  'onnxruntime-node': '#e65100',
  'TF.js wasm': '#2e7d32',
  'TF.js cpu': '#81c784',
  'naive JS': '#8d6e63',
};

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const colourOf = (impl) => COLOURS[Object.keys(COLOURS).find((name) => impl.startsWith(name))] ?? '#7b1fa2';

function formatTime(seconds, unit) {
  const value = seconds * (unit === 'µs' ? 1e6 : 1e3);
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${unit}`;
}

/** The chart's SVG text for the measured cases at `threads`. */
export function speedChart(results, threads, title) {
  const barsWidth = WIDTH - LABEL_WIDTH - 150;
  const x = (share) => (Math.log10(Math.max(share, SCALE_FROM) / SCALE_FROM) / Math.log10(1 / SCALE_FROM)) * barsWidth;
  const parts = [];
  let y = 50;
  for (const { benchCase, contestants } of results) {
    const ceiling = ceilingAt(contestants, threads);
    if (!ceiling) continue;
    const rows = [{ impl: 'ceiling (memory bandwidth)', seconds: ceiling.seconds, colour: COLOURS.ceiling }];
    for (const c of contestants) {
      if (c.isCeiling || c.isKernelShare || c.seconds === undefined) continue;
      if (!(c.singleThreaded || c.threads === threads)) continue;
      rows.push({ impl: c.impl, seconds: c.seconds, colour: colourOf(c.impl) });
    }
    parts.push(`<text x="0" y="${y}" font-weight="bold">${escapeXml(benchCase.title)}</text>`);
    y += 6;
    for (const row of rows) {
      const share = ceiling.seconds / row.seconds;
      const width = Math.max(1, x(share));
      parts.push(
        `<text x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT - 2}" text-anchor="end">${escapeXml(row.impl)}</text>`,
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${row.colour}"/>`,
        `<text x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + BAR_HEIGHT - 2}">${formatTime(row.seconds, benchCase.unit)} · ${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%</text>`,
      );
      y += BAR_HEIGHT + BAR_GAP;
    }
    y += CASE_GAP;
  }
  const ticks = [0.001, 0.01, 0.1, 1]
    .map((share) => {
      const tickX = (LABEL_WIDTH + x(share)).toFixed(1);
      return `<line x1="${tickX}" y1="30" x2="${tickX}" y2="${y - CASE_GAP}" stroke="#ddd"/><text x="${tickX}" y="26" text-anchor="middle" fill="#555">${share * 100}%</text>`;
    })
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" font-family="sans-serif" font-size="12">`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    `<text x="0" y="12" fill="#333">${escapeXml(title)}</text>`,
    ticks,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
