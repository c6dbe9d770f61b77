// The example server (examples/server.mjs), run in a process of its own: concurrent uploads each
// come back as the image the library computes, and the server's event loop stays responsive
// while it works (p99 delay under 10 ms, perf_hooks.monitorEventLoopDelay in that process).
// `npm test` runs this file after the others, alone, so that no other test takes the cores.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { avgPool2d, maxPool2d } from '../../dist/index.js';
import { commandWithPrefix } from '../child-process';
import { seededRandom } from '../random-cases';

let server: ChildProcessByStdio<Writable, Readable, null>;
let lines: AsyncIterator<string>;
let base = '';

// The next JSON line the server process prints.
async function message<T>(): Promise<T> {
  const { value } = await lines.next();
  return JSON.parse(value as string) as T;
}

beforeAll(async () => {
  const [command, args] = commandWithPrefix(process.execPath, [fileURLToPath(new URL('./server-process.mjs', import.meta.url))]);
  server = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  lines = createInterface({ input: server.stdout })[Symbol.asyncIterator]();
  base = `http://127.0.0.1:${(await message<{ port: number }>()).port}`;
});
afterAll(() => {
  server.kill();
});

// Under emulation (the arm64 lane of .ci/run) and in sanitizer builds (scripts/sanitize.sh sets
// POOLND_TEST_NO_TIMING) everything is many times slower: the answers are still checked, the timing is not.
const timed = !process.env.POOLND_TEST_EXEC_PREFIX && !process.env.POOLND_TEST_NO_TIMING;

describe('example server', () => {
  it('answers a bad upload with 400 and a reason, and an unknown path with 404', async () => {
    const notImage = await fetch(`${base}/downsample`, { method: 'POST', body: 'hello' });
    expect(notImage.status).toBe(400);
    expect(((await notImage.json()) as { error: string }).error).toContain('not an image sharp can read');
    const badKernel = await fetch(`${base}/downsample?kernel=0`, { method: 'POST', body: 'x' });
    expect(badKernel.status).toBe(400);
    const elsewhere = await fetch(`${base}/`, { method: 'GET' });
    expect(elsewhere.status).toBe(404);
  });

  // Up to two more tries: the machine is shared, and a neighbour's burst can take a core for a while.
  it('answers concurrent uploads with the pooled images while its event loop stays free', { retry: 2 }, async () => {
    const random = seededRandom(5);
    const uploads = await Promise.all(
      Array.from({ length: 16 }, async (_, index) => {
        const [width, height] = [640 + 16 * index, 480];
        const pixels = random.array('Uint8Array', width * height * 3) as Uint8Array;
        const png = await sharp(pixels, { raw: { width, height, channels: 3 } })
          .png({ compressionLevel: 1 })
          .toBuffer();
        return { pixels, width, height, png, op: index % 2 === 0 ? 'avg' : 'max', kernel: 2 + (index % 3) };
      }),
    );
    // One upload first, so that first-call setup (sharp's encoders, poolnd's threads) is not measured.
    expect((await fetch(`${base}/downsample`, { method: 'POST', body: uploads[0].png })).status).toBe(200);
    server.stdin.write('start\n');
    await message<{ started: boolean }>();
    const responses = await Promise.all(
      uploads.map((upload) =>
        fetch(`${base}/downsample?op=${upload.op}&kernel=${upload.kernel}`, { method: 'POST', body: upload.png }),
      ),
    );
    const bodies = await Promise.all(responses.map((response) => response.arrayBuffer()));
    server.stdin.write('stop\n');
    const delay = await message<{ p99: number; max: number }>();

    for (const [index, upload] of uploads.entries()) {
      expect(responses[index].status).toBe(200);
      expect(responses[index].headers.get('content-type')).toBe('image/png');
      const image = { data: upload.pixels, shape: [upload.height, upload.width, 3] };
      const pool = upload.op === 'avg' ? avgPool2d : maxPool2d;
      const expected = pool(image, { kernelSize: upload.kernel, channelsLast: true });
      const { data, info } = await sharp(Buffer.from(bodies[index])).raw().toBuffer({ resolveWithObject: true });
      expect([info.height, info.width, info.channels]).toEqual(expected.shape);
      expect(
        Buffer.compare(data, Buffer.from(expected.data.buffer, expected.data.byteOffset, expected.data.length)),
        `upload ${index}`,
      ).toBe(0);
    }
    if (timed)
      expect(delay.p99, `event-loop delay p99 ${delay.p99.toFixed(2)} ms (max ${delay.max.toFixed(2)})`).toBeLessThan(10);
  });

  it('answers /model-input with the normalised float32 (1, 3, H, W) tensor of an upload, alpha dropped', async () => {
    const [width, height, kernel] = [37, 22, 2];
    const rgba = seededRandom(11).array('Uint8Array', width * height * 4) as Uint8Array;
    const png = await sharp(rgba, { raw: { width, height, channels: 4 } })
      .png()
      .toBuffer();
    const response = await fetch(`${base}/model-input?op=avg&kernel=${kernel}`, { method: 'POST', body: png });
    expect(response.status).toBe(200);
    const [outHeight, outWidth] = [Math.floor(height / kernel), Math.floor(width / kernel)];
    expect(response.headers.get('x-tensor-shape')).toBe(`1,3,${outHeight},${outWidth}`);
    expect(response.headers.get('x-tensor-type')).toBe('float32');
    const tensor = new Float32Array(await response.arrayBuffer());
    // The same tensor by plain loops: each window's mean, then (x / 255 - mean) / std in float64.
    const [mean, std] = [
      [0.485, 0.456, 0.406],
      [0.229, 0.224, 0.225],
    ];
    const expected = new Float32Array(3 * outHeight * outWidth);
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < outHeight; y++) {
        for (let x = 0; x < outWidth; x++) {
          let sum = 0;
          for (let i = 0; i < kernel; i++)
            for (let j = 0; j < kernel; j++) sum += rgba[((y * kernel + i) * width + x * kernel + j) * 4 + c];
          expected[(c * outHeight + y) * outWidth + x] = ((sum / (kernel * kernel)) * (1 / 255) - mean[c]) / std[c];
        }
      }
    }
    expect(Array.from(tensor)).toEqual(Array.from(expected));
    const unknown = await fetch(`${base}/model-input?normalize=vgg`, { method: 'POST', body: png });
    expect(unknown.status).toBe(400);
  });
});
