// `poolnd spectrogram IN.wav -o OUT.png`: the course's audio example. Loads a WAV (mono, at
// --sr), keeps --duration seconds from --start, takes its STFT and decibels as librosa does,
// max- and average-pools the (1, 1, bins, frames) spectrogram, prints every shape and draws the
// three as heatmaps.
import { readFile } from 'node:fs/promises';

import { avgPool2d, maxPool2d } from '../index';
import type { Tensor } from '../tensor';
import { amplitudeToDb, decodeWav, resample, resamplingMethod, stftMagnitude } from './audio';
import { writeFileAtomically } from './files';
import { heatmapFigure } from './heatmap';
import { imageFormat, isImageFile } from './images';
import { writeNpy } from './npy';
import { commonHelp, integerArgument, parse, UsageError, valueOptions, type Command, type Outcome } from './usage';

const help = `Usage: poolnd spectrogram IN.wav -o OUT.png [options]

Loads a WAV file (PCM of 8, 16, 24 or 32 bits, or float; channels averaged to mono; resampled to
--sr when it differs), keeps --duration seconds from --start, takes its short-time Fourier
transform with librosa 0.10's conventions (periodic Hann window of --n-fft samples, centred
frames with zero padding, 1 + n_fft/2 bins, 1 + floor(samples / hop) frames), converts the
magnitudes to decibels (amplitude_to_db: ref 1.0, amin 1e-5, top_db 80), max- and average-pools
the (1, 1, bins, frames) spectrogram with --kernel, prints every shape, and draws the three as
heatmaps (inferno, low frequencies at the bottom, a colorbar in dB) into one picture.

Options:
  -o, --output FILE   the picture to write (required; .png, .jpg, .webp, ...)
  --sr HZ             sample rate to analyse at (default 16000)
  --start SECONDS     where to start (default 1.5)
  --duration SECONDS  how much to keep (default 3; less if the file ends first)
  --n-fft N           FFT size, a power of two (default 512)
  --hop N             samples between frames (default 256)
  --kernel K          the pooling window, and its stride (default 2)
  --npy PREFIX        also write PREFIX_spectrogram.npy, PREFIX_max.npy and PREFIX_avg.npy (float32 dB)
${commonHelp}  -h, --help          this help

Example: poolnd spectrogram examples/sample.wav -o spectrogram.png
`;

function secondsArgument(name: string, text: string | undefined, fallback: number, positive: boolean): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text) || !Number.isFinite(value) || (positive && value <= 0)) {
    throw new UsageError(`--${name} must be a number of seconds${positive ? ' above 0' : ''}, received ${JSON.stringify(text)}`);
  }
  return value;
}

const shapeText = (shape: number[]) => `(${shape.join(', ')})`;

async function run(args: string[]): Promise<Outcome> {
  const options = {
    output: { type: 'string', short: 'o' },
    ...valueOptions('sr', 'start', 'duration', 'n-fft', 'hop', 'kernel', 'npy'),
  } as const;
  const parsed = parse(args, options, true);
  if (parsed.positionals.length !== 1) throw new UsageError(`one WAV file expected, received ${parsed.positionals.length}`);
  const [input] = parsed.positionals;
  const output = parsed.required('output');
  if (!isImageFile(output)) throw new UsageError('OUT must be an image (.png, .jpg, .webp, ...)');
  const rate = integerArgument('sr', parsed.string('sr') ?? '16000', 1);
  const start = secondsArgument('start', parsed.string('start'), 1.5, false);
  const duration = secondsArgument('duration', parsed.string('duration'), 3, true);
  const nFft = integerArgument('n-fft', parsed.string('n-fft') ?? '512', 2);
  if ((nFft & (nFft - 1)) !== 0) throw new UsageError(`--n-fft must be a power of two, received ${nFft}`);
  const hop = integerArgument('hop', parsed.string('hop') ?? '256', 1);
  const kernel = integerArgument('kernel', parsed.string('kernel') ?? '2', 1);
  imageFormat(output, 'output'); // before any work

  const bytes = await readFile(input).catch((error: Error) => {
    throw new Error(`cannot read ${input}: ${error.message}`, { cause: error });
  });
  const audio = decodeWav(bytes, input);
  let samples = audio.samples;
  const resampled = audio.sampleRate !== rate;
  if (resampled) samples = resample(samples, audio.sampleRate, rate);
  const first = Math.round(start * rate);
  if (first >= samples.length) {
    throw new UsageError(`--start ${start} is past the end of ${input} (${(samples.length / rate).toFixed(2)} s)`);
  }
  samples = samples.subarray(first, first + Math.round(duration * rate));

  const { magnitude, bins, frames } = stftMagnitude(samples, nFft, hop);
  const decibels = amplitudeToDb(magnitude);
  const spectrogram: Tensor<Float32Array> = { data: decibels, shape: [1, 1, bins, frames] };
  let pooled: [Tensor<Float32Array>, Tensor<Float32Array>];
  try {
    pooled = [maxPool2d(spectrogram, { kernelSize: kernel }), avgPool2d(spectrogram, { kernelSize: kernel })];
  } catch (error) {
    throw new UsageError(
      `--kernel ${kernel} does not fit the ${bins}×${frames} spectrogram: ${(error as Error).message.replace(/^poolnd: \w+: /, '')}`,
    );
  }
  const [maxPooled, avgPooled] = pooled;
  const panel = (title: string, tensor: Tensor<Float32Array>) => ({
    title: `${title} (${tensor.shape[2]}×${tensor.shape[3]})`,
    values: tensor.data,
    rows: tensor.shape[2],
    columns: tensor.shape[3],
  });
  const picture = await heatmapFigure(
    [
      panel('Original Spectrogram', spectrogram),
      panel(`Max Pooled ${kernel}×${kernel}`, maxPooled),
      panel(`Avg Pooled ${kernel}×${kernel}`, avgPooled),
    ],
    { x: 'Time Frames', y: 'Frequency Bins', colorbar: 'dB' },
  );
  await writeFileAtomically(output, picture);
  const npyFiles: string[] = [];
  const prefix = parsed.string('npy');
  if (prefix !== undefined) {
    for (const [name, tensor] of [
      ['spectrogram', spectrogram],
      ['max', maxPooled],
      ['avg', avgPooled],
    ] as const) {
      const file = `${prefix}_${name}.npy`;
      await writeFileAtomically(file, writeNpy(tensor));
      npyFiles.push(file);
    }
  }

  let low = Infinity;
  let high = -Infinity;
  for (const value of decibels) {
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  const seconds = samples.length / rate;
  const channelsText = `${audio.channels} channel${audio.channels === 1 ? '' : 's'}${audio.channels > 1 ? ' averaged to mono' : ''}`;
  const lines = [
    `Loaded ${input}: ${audio.sampleRate} Hz, ${channelsText}, ${audio.bitDepth === '32f' || audio.bitDepth === '64' ? 'float' : `${audio.bitDepth}-bit PCM`}`,
    ...(resampled ? [`Resampled to ${rate} Hz (${resamplingMethod})`] : []),
    `Audio shape: (${samples.length},): ${seconds.toFixed(2)} s from ${start} s at ${rate} Hz`,
    `STFT: n_fft ${nFft}, hop ${hop}, periodic Hann window, centred frames`,
    `Spectrogram shape: ${shapeText(spectrogram.shape)} (dB from ${low.toFixed(1)} to ${high.toFixed(1)})`,
    `Max pooled shape: ${shapeText(maxPooled.shape)}`,
    `Avg pooled shape: ${shapeText(avgPooled.shape)}`,
    `Wrote ${[output, ...npyFiles].join(', ')}`,
  ];
  return {
    document: {
      input: { file: input, sampleRate: audio.sampleRate, channels: audio.channels, bitDepth: audio.bitDepth },
      resampled: resampled ? { to: rate, method: resamplingMethod } : null,
      audio: { samples: samples.length, seconds, start, sampleRate: rate },
      stft: { nFft, hop, window: 'hann (periodic)', center: true },
      spectrogram: { shape: spectrogram.shape, minDb: low, maxDb: high },
      maxPooled: { shape: maxPooled.shape },
      avgPooled: { shape: avgPooled.shape },
      output,
      npy: npyFiles,
    },
    text: `${lines.join('\n')}\n`,
  };
}

export const spectrogramCommand: Command = {
  name: 'spectrogram',
  summary: 'a WAV file as a spectrogram, max- and average-pooled, drawn as heatmaps',
  help,
  run,
};
