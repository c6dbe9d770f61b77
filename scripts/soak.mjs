// A load test of examples/server.mjs: autocannon sends concurrent uploads for SECONDS (default 60)
// to the server, run in a process of its own, while this process checks a sample of answers
// against the library's own result. It fails (exit 1) on any error, non-2xx answer, timeout or
// wrong answer, or when the server's RSS grows by 10% or more after warm-up (the first quarter of
// the run, at least 5 s). Prints requests/s, latency and the RSS figures.
//   node scripts/soak.mjs [SECONDS]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import autocannon from 'autocannon';
import sharp from 'sharp';

import { avgPool2d, maxPool2d } from '../dist/index.js';

const seconds = Number(process.argv[2] ?? 60);
const warmUpSeconds = Math.max(5, seconds / 4);

// The server, with a line protocol on stdin/stdout: it prints its port, and its RSS on "rss".
const serverModule = fileURLToPath(new URL('../examples/server.mjs', import.meta.url));
const serverCode = `
  import { createInterface } from 'node:readline';
  const { createDownsampleServer } = await import(${JSON.stringify(serverModule)});
  const server = createDownsampleServer();
  server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
  createInterface({ input: process.stdin }).on('line', () => console.log(JSON.stringify({ rss: process.memoryUsage().rss })));
`;
const server = spawn(process.execPath, ['--input-type=module', '-e', serverCode], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: server.stdout })[Symbol.asyncIterator]();
const nextMessage = async () => JSON.parse((await lines.next()).value);
const { port } = await nextMessage();
const serverRss = async () => {
  server.stdin.write('rss\n');
  return (await nextMessage()).rss;
};

// Uploads: pictures of three sizes, as PNG; the expected answers are the library's own results.
async function picture(width, height, seed) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7 + seed * 31 + ((i / 97) | 0)) % 256;
  const png = await sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
  return { png, pixels: { data: pixels, shape: [height, width, 3] } };
}
const uploads = await Promise.all([picture(640, 480, 1), picture(320, 240, 2), picture(1280, 720, 3)]);
const routes = [
  { path: '/downsample?op=avg&kernel=2', pool: avgPool2d, kernel: 2 },
  { path: '/downsample?op=max&kernel=3', pool: maxPool2d, kernel: 3 },
];
const requests = uploads.flatMap((upload) =>
  routes.map((route) => ({ method: 'POST', path: route.path, headers: { 'content-type': 'image/png' }, body: upload.png })),
);

// The sample check: one upload at a time, decoded and compared with the library's result.
let checked = 0;
let wrong = 0;
let checking = true;
async function checkSample(index) {
  const upload = uploads[index % uploads.length];
  const route = routes[index % routes.length];
  const response = await fetch(`http://127.0.0.1:${port}${route.path}`, { method: 'POST', body: upload.png });
  const { data } = await sharp(Buffer.from(await response.arrayBuffer()))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const expected = route.pool(upload.pixels, { kernelSize: route.kernel, channelsLast: true }).data;
  checked++;
  if (response.status !== 200 || !data.equals(Buffer.from(expected.buffer, expected.byteOffset, expected.length))) wrong++;
}
const sampler = (async () => {
  for (let index = 0; checking; index++) {
    await checkSample(index);
    await sleep(200);
  }
})();

const run = autocannon({
  url: `http://127.0.0.1:${port}`,
  connections: 8,
  duration: seconds,
  timeout: 30,
  requests,
});
// The server's RSS four times a second. Growth compares the median of the readings in the second
// half of the time after warm-up with the first half's: a single reading lands anywhere in a
// collector's cycle (here it swings by 20%), a median does not.
const rssDuringWarmUp = [];
const rssAfterWarmUp = [];
const started = performance.now();
let running = true;
const rssSampler = (async () => {
  while (running) {
    const rss = await serverRss();
    (performance.now() - started < warmUpSeconds * 1000 ? rssDuringWarmUp : rssAfterWarmUp).push(rss);
    await sleep(250);
  }
})();
const result = await run;
checking = false;
running = false;
await Promise.all([sampler, rssSampler]);
server.kill();
await once(server, 'exit');

const median = (values) => values.slice().sort((a, b) => a - b)[values.length >> 1];
const half = rssAfterWarmUp.length >> 1;
const early = median(rssAfterWarmUp.slice(0, half));
const late = median(rssAfterWarmUp.slice(half));
const growth = (late - early) / early;
const report = {
  seconds,
  requests: result.requests.total,
  requestsPerSecond: result.requests.average,
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  checked,
  wrong,
  rssMedianMB: {
    warmUp: median(rssDuringWarmUp) / 1e6,
    early: early / 1e6,
    late: late / 1e6,
    growth: `${(growth * 100).toFixed(1)}%`,
  },
};
console.log(JSON.stringify(report, null, 2));
const failures = [
  result.errors > 0 && `${result.errors} errors`,
  result.timeouts > 0 && `${result.timeouts} timeouts`,
  result.non2xx > 0 && `${result.non2xx} answers not 2xx`,
  (checked === 0 || wrong > 0) && `${wrong} of ${checked} sampled answers wrong`,
  growth >= 0.1 && `RSS grew ${(growth * 100).toFixed(1)}% after warm-up`,
].filter(Boolean);
if (failures.length > 0) {
  console.error(`soak: failed: ${failures.join('; ')}`);
  process.exit(1);
}
console.log(
  `soak: ${result.requests.total} requests in ${seconds} s (${result.requests.average.toFixed(1)}/s), 0 errors, ${checked} answers checked`,
);
