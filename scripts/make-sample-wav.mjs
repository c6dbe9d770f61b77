// Writes examples/sample.wav, the sound `poolnd spectrogram` is shown with: 6 s at 16 kHz, mono,
// 16-bit PCM, synthesised here so the project owns it (MIT, like the code). Steady tones at 440 and
// 1000 Hz, a chirp sweeping 200 to 6000 Hz from 1.5 s to 4.5 s, clicks every half second from
// 2 s, and a little deterministic noise. Usage: node scripts/make-sample-wav.mjs
import { writeFileSync } from 'node:fs';

import wavefile from 'wavefile';

const rate = 16000;
const seconds = 6;
const samples = new Int16Array(rate * seconds);
let seed = 12345;
const noise = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 30 - 1;
};
const chirp = { start: 1.5, end: 4.5, from: 200, to: 6000 };
for (let i = 0; i < samples.length; i++) {
  const t = i / rate;
  let value = 0.15 * Math.sin(2 * Math.PI * 440 * t);
  if (t >= 1 && t < 4) value += 0.1 * Math.sin(2 * Math.PI * 1000 * t);
  if (t >= chirp.start && t < chirp.end) {
    // Linear sweep: the phase is the integral of the instantaneous frequency.
    const u = t - chirp.start;
    const rise = (chirp.to - chirp.from) / (chirp.end - chirp.start);
    value += 0.2 * Math.sin(2 * Math.PI * (chirp.from * u + (rise * u * u) / 2));
  }
  for (let click = 2; click <= 4; click += 0.5) {
    const since = t - click;
    if (since >= 0 && since < 0.004) value += 0.6 * Math.exp(-since * 2000) * Math.sin(2 * Math.PI * 3000 * since);
  }
  value += 0.003 * noise();
  samples[i] = Math.max(-32768, Math.min(32767, Math.round(value * 32767)));
}
const wav = new wavefile.WaveFile();
wav.fromScratch(1, rate, '16', samples);
writeFileSync(new URL('../examples/sample.wav', import.meta.url), wav.toBuffer());
console.log(`wrote examples/sample.wav: ${seconds} s, ${rate} Hz, mono, 16-bit`);
