// An HTTP service for images: POST an image (PNG, JPEG, WebP, TIFF, ...) to
//   /downsample?op=avg&kernel=2       the pooled image, as PNG
//   /model-input?op=avg&kernel=2      the pooled image as a model's input: float32 (1, 3, H, W),
//                                     normalised with ImageNet's mean and std (normalize=none: x / 255),
//                                     raw little-endian bytes, the shape in the x-tensor-shape header
// Decoding and encoding run in sharp's threads and pooling in poolnd's, through their async calls,
// so the event loop stays free to take other requests while they work.
//   node examples/server.mjs        (PORT, default 3000)
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

import { avgPool2dAsync, maxPool2dAsync, setNumThreads } from 'poolnd';
import sharp from 'sharp';

// Leave a core to the event loop: at most cores − 1 images in work at once, each decoded and
// encoded by one of sharp's threads, and poolnd's kernel threads as many. More threads than
// cores would make the event loop wait its turn for a core (tens of milliseconds on 2 cores).
const workers = Math.max(1, availableParallelism() - 1);
sharp.concurrency(1);
setNumThreads(workers);
let running = 0;
const waiting = [];
async function limited(job) {
  if (running >= workers) await new Promise((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await job();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

const maxBodyBytes = 32 * 1024 * 1024;
const pools = { avg: avgPool2dAsync, max: maxPool2dAsync };

class RequestError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new RequestError(413, `the image must be at most ${maxBodyBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const normalizations = {
  imagenet: { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
  none: { scale: 1 / 255 },
};

// The request's op, kernel and decoded pixels (height × width × channels, uint8); rgb: as three
// channels whatever the file holds.
async function decodeUpload(request, url, { rgb = false } = {}) {
  const op = url.searchParams.get('op') ?? 'avg';
  if (!(op in pools)) throw new RequestError(400, 'op must be avg or max');
  const kernel = Number(url.searchParams.get('kernel') ?? '2');
  if (!Number.isInteger(kernel) || kernel < 1 || kernel > 64)
    throw new RequestError(400, 'kernel must be a whole number from 1 to 64');
  const body = await readBody(request);
  let decoded;
  try {
    const reader = rgb ? sharp(body).removeAlpha().toColourspace('srgb') : sharp(body);
    decoded = await reader.raw().toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new RequestError(400, `not an image sharp can read: ${error.message}`);
  }
  const { width, height, channels } = decoded.info;
  if (kernel > width || kernel > height)
    throw new RequestError(400, `kernel ${kernel} is larger than the ${width}×${height} image`);
  const pixels = new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length);
  return { op, kernel, pixels, height, width, channels };
}

async function downsample(request, url) {
  const { op, kernel, pixels, height, width, channels } = await decodeUpload(request, url);
  const pooled = await pools[op]({ data: pixels, shape: [height, width, channels] }, { kernelSize: kernel, channelsLast: true });
  const [outHeight, outWidth] = pooled.shape;
  const png = await sharp(pooled.data, { raw: { width: outWidth, height: outHeight, channels } })
    .png()
    .toBuffer();
  return { type: 'image/png', body: png };
}

// Pooling, the conversion to float32, the normalisation and the move to channels-first are one
// pass of poolnd's kernels.
async function modelInput(request, url) {
  const name = url.searchParams.get('normalize') ?? 'imagenet';
  if (!Object.hasOwn(normalizations, name))
    throw new RequestError(400, `normalize must be ${Object.keys(normalizations).join(' or ')}`);
  const normalize = normalizations[name];
  const { op, kernel, pixels, height, width } = await decodeUpload(request, url, { rgb: true });
  const tensor = await pools[op](
    { data: pixels, shape: [1, height, width, 3] },
    {
      kernelSize: kernel,
      channelsLast: true,
      outputType: 'float32',
      outputLayout: 'channelsFirst',
      normalize,
    },
  );
  const { buffer, byteOffset, byteLength } = tensor.data;
  return {
    type: 'application/octet-stream',
    headers: { 'x-tensor-shape': tensor.shape.join(','), 'x-tensor-type': 'float32' },
    body: Buffer.from(buffer, byteOffset, byteLength),
  };
}

const routes = { '/downsample': downsample, '/model-input': modelInput };

/** The service's http.Server, not yet listening. */
export function createDownsampleServer() {
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const reply = (status, type, body, headers = {}) => {
      response.writeHead(status, { 'content-type': type, 'content-length': body.length, ...headers });
      response.end(body);
    };
    const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    if (request.method !== 'POST' || route === undefined) {
      const usage = 'POST an image to /downsample?op=avg&kernel=2 or /model-input?op=avg&kernel=2&normalize=imagenet';
      reply(404, 'application/json', Buffer.from(JSON.stringify({ error: usage })));
      request.resume();
      return;
    }
    limited(() => route(request, url)).then(
      ({ type, body, headers }) => reply(200, type, body, headers),
      (error) => {
        const status = error instanceof RequestError ? error.status : 500;
        reply(status, 'application/json', Buffer.from(JSON.stringify({ error: error.message })));
        request.resume();
      },
    );
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 3000);
  createDownsampleServer().listen(port, () => console.log(`POST images to http://localhost:${port}/downsample?op=avg&kernel=2`));
}
