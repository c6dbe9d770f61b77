// An HTTP service that downsamples images: POST an image (PNG, JPEG, WebP, TIFF, ...) to
// /downsample?op=avg&kernel=2 and get back the pooled image as PNG. Decoding and encoding run in
// sharp's threads and pooling in poolnd's, through their async calls, so the event loop stays
// free to take other requests while they work.
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

async function downsample(request, url) {
  const op = url.searchParams.get('op') ?? 'avg';
  if (!(op in pools)) throw new RequestError(400, 'op must be avg or max');
  const kernel = Number(url.searchParams.get('kernel') ?? '2');
  if (!Number.isInteger(kernel) || kernel < 1 || kernel > 64)
    throw new RequestError(400, 'kernel must be a whole number from 1 to 64');
  const body = await readBody(request);
  let decoded;
  try {
    decoded = await sharp(body).raw().toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new RequestError(400, `not an image sharp can read: ${error.message}`);
  }
  const { width, height, channels } = decoded.info;
  if (kernel > width || kernel > height)
    throw new RequestError(400, `kernel ${kernel} is larger than the ${width}×${height} image`);
  const image = {
    data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length),
    shape: [height, width, channels],
  };
  const pooled = await pools[op](image, { kernelSize: kernel, channelsLast: true });
  const [outHeight, outWidth] = pooled.shape;
  return sharp(pooled.data, { raw: { width: outWidth, height: outHeight, channels } })
    .png()
    .toBuffer();
}

/** The service's http.Server, not yet listening. */
export function createDownsampleServer() {
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const reply = (status, type, body) => {
      response.writeHead(status, { 'content-type': type, 'content-length': body.length });
      response.end(body);
    };
    if (request.method !== 'POST' || url.pathname !== '/downsample') {
      reply(404, 'application/json', Buffer.from(JSON.stringify({ error: 'POST an image to /downsample?op=avg&kernel=2' })));
      request.resume();
      return;
    }
    limited(() => downsample(request, url)).then(
      (png) => reply(200, 'image/png', png),
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
