// Audio for the spectrogram command: WAV decoding (wavefile), mono mixing, resampling, and a
// short-time Fourier transform and decibel scale with librosa 0.10's conventions.
import type { WaveFile as WaveFileType } from 'wavefile';

// Loaded on first use: only `poolnd spectrogram` needs them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const wavefile = () => require('wavefile') as typeof import('wavefile');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fftModule = () => require('fft.js') as typeof import('fft.js');

export interface DecodedAudio {
  /** The channels' mean (librosa's to_mono), as float32 in [-1, 1), as librosa loads it. */
  samples: Float32Array;
  sampleRate: number;
  channels: number;
  /** wavefile's bit depth code: '8', '16', '24', '32' (integer PCM), '32f', '64' (float). */
  bitDepth: string;
}

// Samples per call of a loop helper: a small function called often is optimised early, where a
// one-off loop over a million samples runs several times slower until it is.
const runLength = 4096;

/**
 * A WAV file's samples, mixed to mono: each sample scaled as soundfile (and so librosa) scales
 * it, an n-bit integer divided by 2^(n - 1) (8-bit, unsigned, centred on 128 first), and the
 * channels averaged.
 */
export function decodeWav(bytes: Uint8Array, file: string): DecodedAudio {
  let wav: WaveFileType;
  try {
    wav = new (wavefile().WaveFile)(bytes);
  } catch (error) {
    throw new Error(`cannot read ${file} as WAV: ${(error as Error).message}`, { cause: error });
  }
  const format = wav.fmt as { numChannels: number; sampleRate: number };
  const bitDepth = wav.bitDepth;
  if (!/^(8|16|24|32|32f|64)$/.test(bitDepth)) {
    throw new Error(`cannot read ${file}: ${bitDepth}-bit audio (PCM of 8, 16, 24 or 32 bits and 32- or 64-bit float are read)`);
  }
  // The data chunk's bytes are decoded here: wavefile's per-sample getSamples takes a quarter of
  // a second on a minute of stereo. Little-endian (RIFF); RIFX (big-endian) files are refused.
  if ((wav.container as string) !== 'RIFF' && (wav.container as string) !== 'RF64') {
    throw new Error(`cannot read ${file}: a ${wav.container as string} (big-endian) file; RIFF WAV files are read`);
  }
  const data = (wav.data as { samples: Uint8Array }).samples;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const channels = format.numChannels;
  const bytesPerSample = bitDepth === '32f' ? 4 : bitDepth === '64' ? 8 : Number(bitDepth) / 8;
  const frames = Math.floor(data.byteLength / (bytesPerSample * channels));
  const read: (offset: number) => number =
    bitDepth === '8'
      ? (offset) => (view.getUint8(offset) - 128) / 128
      : bitDepth === '16'
        ? (offset) => view.getInt16(offset, true) / 32768
        : bitDepth === '24'
          ? (offset) => ((view.getUint8(offset + 2) << 24) | (view.getUint16(offset, true) << 8)) / 2147483648
          : bitDepth === '32'
            ? (offset) => view.getInt32(offset, true) / 2147483648
            : bitDepth === '32f'
              ? (offset) => view.getFloat32(offset, true)
              : (offset) => view.getFloat64(offset, true);
  const samples = new Float32Array(frames);
  const run = (first: number, end: number) => {
    for (let frame = first, offset = first * channels * bytesPerSample; frame < end; frame++) {
      let sum = 0;
      for (let channel = 0; channel < channels; channel++, offset += bytesPerSample) sum += read(offset);
      samples[frame] = sum / channels;
    }
  };
  for (let first = 0; first < frames; first += runLength) run(first, Math.min(first + runLength, frames));
  return { samples, sampleRate: format.sampleRate, channels, bitDepth };
}

/** How resample() resamples, for the command's report. */
export const resamplingMethod = "wavefile's windowed-sinc interpolation, with its low-pass filter";

/** The samples at another rate (float samples throughout, so nothing is rounded to integers). */
export function resample(samples: Float32Array, from: number, to: number): Float32Array {
  const wav = new (wavefile().WaveFile)();
  wav.fromScratch(1, from, '64', samples);
  wav.toSampleRate(to, { method: 'sinc', LPF: true });
  return Float32Array.from(wav.getSamples(false, Float64Array) as unknown as Float64Array);
}

export interface Spectrogram {
  /** |STFT|, bins × frames, row-major (librosa's (1 + nFft/2, frames)); float32, as librosa's complex64. */
  magnitude: Float32Array;
  bins: number;
  frames: number;
}

/**
 * librosa.stft(y, n_fft, hop_length)'s magnitude with its defaults: a periodic Hann window of
 * nFft samples, frames centred (nFft / 2 zeros padded at each end), 1 + nFft / 2 bins and
 * 1 + floor(length / hop) frames. Computed in float64, stored as float32.
 */
export function stftMagnitude(samples: Float32Array, nFft: number, hop: number): Spectrogram {
  const FFT = fftModule();
  const fft = new FFT(nFft);
  const window = new Float64Array(nFft);
  for (let n = 0; n < nFft; n++) window[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / nFft);
  const half = nFft / 2;
  const bins = half + 1;
  const frames = 1 + Math.floor(samples.length / hop);
  // Columns are computed frame by frame, stored frame-major, and transposed at the end in blocks:
  // writing bins × frames directly strides a whole row per value.
  const byFrame = new Float32Array(frames * bins);
  const frame = new Float64Array(nFft);
  const spectrum = fft.createComplexArray();
  // One call per frame: a small hot function the engine optimises after a few frames.
  const column = (t: number) => {
    const start = t * hop - half; // in the unpadded signal
    for (let n = 0; n < nFft; n++) {
      const index = start + n;
      frame[n] = index >= 0 && index < samples.length ? samples[index] * window[n] : 0;
    }
    // realTransform fills bins 0 to nFft/2 - 1; the Nyquist bin is the alternating sum.
    fft.realTransform(spectrum, frame);
    const first = t * bins;
    for (let k = 0; k < half; k++) {
      const re = spectrum[2 * k];
      const im = spectrum[2 * k + 1];
      byFrame[first + k] = Math.sqrt(re * re + im * im);
    }
    let nyquist = 0;
    for (let n = 0; n < nFft; n += 2) nyquist += frame[n] - frame[n + 1];
    byFrame[first + half] = Math.abs(nyquist);
  };
  for (let t = 0; t < frames; t++) column(t);
  const magnitude = new Float32Array(bins * frames);
  const block = 64;
  for (let t0 = 0; t0 < frames; t0 += block) {
    for (let k0 = 0; k0 < bins; k0 += block) {
      for (let t = t0; t < Math.min(t0 + block, frames); t++) {
        for (let k = k0; k < Math.min(k0 + block, bins); k++) magnitude[k * frames + t] = byFrame[t * bins + k];
      }
    }
  }
  return { magnitude, bins, frames };
}

/** librosa.amplitude_to_db(S, ref, amin, top_db): 20·log10(max(amin, S)) − 20·log10(max(amin, ref)), floored top_db below the peak. */
export function amplitudeToDb(magnitude: Float32Array, { ref = 1, amin = 1e-5, topDb = 80 } = {}): Float32Array {
  const reference = 20 * Math.log10(Math.max(amin, ref));
  // Computed in float64, stored in float32 (the spectrogram's element type).
  const db = new Float32Array(magnitude.length);
  const toDb = (first: number, end: number) => {
    let peak = -Infinity;
    for (let i = first; i < end; i++) {
      const value = 20 * Math.log10(Math.max(amin, magnitude[i])) - reference;
      db[i] = value;
      if (value > peak) peak = value;
    }
    return peak;
  };
  const clip = (first: number, end: number, floor: number) => {
    for (let i = first; i < end; i++) if (db[i] < floor) db[i] = floor;
  };
  let peak = -Infinity;
  for (let first = 0; first < db.length; first += runLength)
    peak = Math.max(peak, toDb(first, Math.min(first + runLength, db.length)));
  const floor = Math.fround(peak - topDb);
  for (let first = 0; first < db.length; first += runLength) clip(first, Math.min(first + runLength, db.length), floor);
  return db;
}
