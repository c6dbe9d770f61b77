"""Writes test/goldens/spectrogram_magnitude.npy and spectrogram_db.npy: the STFT magnitude and
its decibels for examples/sample.wav (1.5 s to 4.5 s), computed with NumPy by librosa 0.10's
conventions (stft with a periodic Hann window, center=True with zero padding, n_fft 512, hop 256;
amplitude_to_db with ref 1.0, amin 1e-5, top_db 80), in float64 and stored as float32: the
independent expectation for lib/cli/audio.ts. Run with /usr/bin/python3."""
import pathlib
import wave

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
START, DURATION, N_FFT, HOP = 1.5, 3.0, 512, 256


def main():
    with wave.open(str(ROOT / "examples" / "sample.wav"), "rb") as wav:
        assert wav.getsampwidth() == 2 and wav.getnchannels() == 1
        rate = wav.getframerate()
        pcm = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    y = pcm.astype(np.float64) / 32768.0  # soundfile's scaling, which librosa.load uses
    y = y[int(round(START * rate)) : int(round(START * rate)) + int(round(DURATION * rate))]
    padded = np.pad(y, N_FFT // 2, mode="constant")
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)  # scipy's get_window('hann', fftbins=True)
    frames = 1 + len(y) // HOP
    columns = np.stack([padded[t * HOP : t * HOP + N_FFT] * window for t in range(frames)], axis=1)
    magnitude = np.abs(np.fft.rfft(columns, axis=0))
    db = 20 * np.log10(np.maximum(1e-5, magnitude)) - 20 * np.log10(1.0)
    db = np.maximum(db, db.max() - 80.0)
    for name, array in (("magnitude", magnitude), ("db", db)):
        path = ROOT / "test" / "goldens" / f"spectrogram_{name}.npy"
        np.save(path, np.ascontiguousarray(array, dtype=np.float32))
        print(f"{array.shape} -> {path}")


if __name__ == "__main__":
    main()
