// `poolnd spectrogram` and the audio it reads: the STFT and decibels against NumPy goldens made by
// librosa's conventions (test/goldens/spectrogram_*.npy, scripts/generate_spectrogram_goldens.py),
// WAV decoding of every sample format against the values written, and the command's shapes,
// picture and arrays.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import wavefile from 'wavefile';

import { avgPool2d, maxPool2d } from '../../dist/index.js';
import { amplitudeToDb, decodeWav, resample, stftMagnitude } from '../../dist/cli/audio.js';
import { readNpy } from '../../dist/cli/npy.js';
import { runCli } from './run-cli';

const folder = mkdtempSync(path.join(tmpdir(), 'poolnd-spectrogram-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const sample = fileURLToPath(new URL('../../examples/sample.wav', import.meta.url));
const golden = (name: string) => readNpy(readFileSync(new URL(`../goldens/spectrogram_${name}.npy`, import.meta.url)), name);

function wavBytes(channels: number[][], rate: number, bitDepth: string): Uint8Array {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(channels.length, rate, bitDepth, channels.length === 1 ? channels[0] : channels);
  return wav.toBuffer();
}

describe('audio', () => {
  it("takes librosa's STFT and decibels of the sample (within 1e-4 dB of NumPy's)", () => {
    const { samples, sampleRate } = decodeWav(readFileSync(sample), sample);
    expect(sampleRate).toBe(16000);
    const clip = samples.subarray(1.5 * 16000, 4.5 * 16000);
    const { magnitude, bins, frames } = stftMagnitude(clip, 512, 256);
    expect([bins, frames]).toEqual([257, 188]);
    const expectedMagnitude = golden('magnitude');
    const expectedDb = golden('db');
    expect(expectedDb.shape).toEqual([257, 188]);
    const db = amplitudeToDb(magnitude);
    let worstDb = 0;
    let worstMagnitude = 0;
    for (let i = 0; i < db.length; i++) {
      worstDb = Math.max(worstDb, Math.abs(db[i] - expectedDb.data[i]));
      worstMagnitude = Math.max(
        worstMagnitude,
        Math.abs(magnitude[i] - expectedMagnitude.data[i]) / Math.max(1e-3, expectedMagnitude.data[i]),
      );
    }
    expect(worstDb).toBeLessThan(1e-4);
    expect(worstMagnitude).toBeLessThan(1e-5);
  });

  it.each([
    ['8', 128, (x: number) => x - 128, 128],
    ['16', 12345, (x: number) => x, 32768],
    ['24', 4_000_000, (x: number) => x, 8_388_608],
    ['32', 1_000_000_000, (x: number) => x, 2_147_483_648],
    ['32f', 0.5, (x: number) => x, 1],
  ] as const)('decodes %s-bit samples as soundfile scales them, and averages channels', (bitDepth, amplitude, centre, scale) => {
    const values = Array.from(
      { length: 64 },
      (_, i) =>
        Math.round(Math.sin(i) * amplitude * (bitDepth === '32f' ? 1e6 : 1)) / (bitDepth === '32f' ? 1e6 : 1) +
        (bitDepth === '8' ? 128 : 0),
    );
    const clamp = (x: number) => (bitDepth === '8' ? Math.min(255, Math.max(0, x)) : x);
    const left = values.map(clamp);
    const right = left.map((x) => (bitDepth === '8' ? 255 - x : bitDepth === '32f' ? -x / 2 : Math.round(-x / 2)));
    const decoded = decodeWav(wavBytes([left, right], 8000, bitDepth), 'test.wav');
    expect(decoded).toMatchObject({ channels: 2, sampleRate: 8000, bitDepth });
    const expected = left.map((x, i) => Math.fround((centre(x) / scale + centre(right[i]) / scale) / 2));
    expect(Array.from(decoded.samples)).toEqual(expected);
  });

  it('resamples 44.1 kHz to 16 kHz, keeping a tone where it was', () => {
    const tone = Float32Array.from({ length: 44100 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * i) / 44100));
    const resampled = resample(tone, 44100, 16000);
    expect(Math.abs(resampled.length - 16000)).toBeLessThanOrEqual(1);
    const { magnitude, bins, frames } = stftMagnitude(resampled, 512, 256);
    const middle = Math.floor(frames / 2);
    let peak = 0;
    for (let k = 1; k < bins; k++) if (magnitude[k * frames + middle] > magnitude[peak * frames + middle]) peak = k;
    expect(peak).toBe(Math.round((1000 * 512) / 16000)); // bin 32
  });
});

describe('poolnd spectrogram', () => {
  it("prints the course's shapes, draws the picture and writes the arrays", async () => {
    const output = path.join(folder, 'spectrogram.png');
    const prefix = path.join(folder, 'spec');
    const run = runCli(['spectrogram', sample, '-o', output, '--npy', prefix]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Spectrogram shape: (1, 1, 257, 188)');
    expect(run.stdout).toContain('Max pooled shape: (1, 1, 128, 94)');
    expect(run.stdout).toContain('Avg pooled shape: (1, 1, 128, 94)');
    expect(run.stdout).toContain('Audio shape: (48000,): 3.00 s from 1.5 s at 16000 Hz');
    const picture = await sharp(output).metadata();
    expect([picture.format, picture.width, picture.height]).toEqual(['png', 1412, 346]);

    const spectrogram = readNpy(readFileSync(`${prefix}_spectrogram.npy`), 'spectrogram');
    expect(spectrogram.shape).toEqual([1, 1, 257, 188]);
    const expectedDb = golden('db');
    let worst = 0;
    for (let i = 0; i < expectedDb.data.length; i++) worst = Math.max(worst, Math.abs(spectrogram.data[i] - expectedDb.data[i]));
    expect(worst).toBeLessThan(1e-4);
    const input = { data: spectrogram.data as Float32Array, shape: spectrogram.shape };
    expect(Array.from(readNpy(readFileSync(`${prefix}_max.npy`), 'max').data)).toEqual(
      Array.from(maxPool2d(input, { kernelSize: 2 }).data),
    );
    expect(Array.from(readNpy(readFileSync(`${prefix}_avg.npy`), 'avg').data)).toEqual(
      Array.from(avgPool2d(input, { kernelSize: 2 }).data),
    );
  });

  it('--json says what it did; a stereo 44.1 kHz file is mixed and resampled', () => {
    const file = path.join(folder, 'stereo.wav');
    // Half a second: resampling runs in JavaScript, some 20 times slower under emulation (CI's arm64 lane).
    const left = Array.from({ length: 22050 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 44100)));
    writeFileSync(file, wavBytes([left, left], 44100, '16'));
    const run = runCli([
      'spectrogram',
      file,
      '-o',
      path.join(folder, 'stereo.png'),
      '--start',
      '0',
      '--duration',
      '1',
      '--kernel',
      '4',
      '--json',
    ]);
    expect(run.status).toBe(0);
    const document = JSON.parse(run.stdout) as Record<string, { shape?: number[]; to?: number }>;
    expect(document.resampled).toMatchObject({ to: 16000 });
    expect(document.spectrogram.shape).toEqual([1, 1, 257, 32]); // 8000 samples: 1 + floor(8000 / 256) frames
    expect(document.maxPooled.shape).toEqual([1, 1, 64, 8]);
  });

  it.each([
    [['--n-fft', '500'], 2, '--n-fft must be a power of two'],
    [['--start', '60'], 2, '--start 60 is past the end'],
    [['--kernel', '300'], 2, '--kernel 300 does not fit'],
  ])('on %j exits %i', (args, status, message) => {
    const run = runCli(['spectrogram', sample, '-o', path.join(folder, 'x.png'), ...args]);
    expect(run.status).toBe(status);
    expect(run.stderr).toContain(message);
  });

  it('exits 1 on a file that is not WAV', () => {
    const file = path.join(folder, 'not.wav');
    writeFileSync(file, 'not audio at all');
    const run = runCli(['spectrogram', file, '-o', path.join(folder, 'x.png')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('cannot read');
  });
});
