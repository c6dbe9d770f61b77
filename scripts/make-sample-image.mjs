// Draws examples/sample.png, the picture `npm start` pools: a small scene with sharp edges, thin
// lines, a gradient and fine text, where max and average pooling look different. Drawn here
// (SVG rendered by sharp), so it is the project's own work, under the project's licence.
//   node scripts/make-sample-image.mjs
import sharp from 'sharp';

const width = 480;
const height = 320;
const stripes = Array.from(
  { length: 12 },
  (_, i) => `<rect x="${300 + i * 12}" y="200" width="6" height="100" fill="#1d3557"/>`,
).join('');
const dots = Array.from({ length: 8 }, (_, row) =>
  Array.from({ length: 10 }, (_, column) => `<circle cx="${24 + column * 9}" cy="${216 + row * 9}" r="2" fill="#f1faee"/>`).join(
    '',
  ),
).join('');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#457b9d"/><stop offset="1" stop-color="#a8dadc"/></linearGradient></defs>
  <rect width="${width}" height="${height}" fill="url(#sky)"/>
  <circle cx="380" cy="70" r="38" fill="#ffb703"/>
  <polygon points="0,200 90,90 170,190 250,110 340,200" fill="#2a9d8f"/>
  <rect x="0" y="200" width="${width}" height="120" fill="#264653"/>
  <rect x="14" y="206" width="96" height="82" fill="#e63946"/>
  ${dots}
  <path d="M130 300 L280 210" stroke="#f1faee" stroke-width="1"/>
  <path d="M130 310 L280 220" stroke="#f1faee" stroke-width="3"/>
  ${stripes}
  <text x="150" y="60" font-family="sans-serif" font-size="28" font-weight="bold" fill="#1d3557">poolnd</text>
  <text x="150" y="80" font-family="sans-serif" font-size="10" fill="#1d3557">max keeps the bright, avg blurs</text>
</svg>`;

await sharp(Buffer.from(svg))
  .removeAlpha()
  .png()
  .toFile(new URL('../examples/sample.png', import.meta.url).pathname);
console.log('wrote examples/sample.png');
