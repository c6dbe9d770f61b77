// The parts of fft.js and colormap the spectrogram command uses (neither ships types).
declare module 'fft.js' {
  class FFT {
    constructor(size: number);
    createComplexArray(): number[];
    /** Fills the left half of `output` (interleaved re, im) with the transform of real `input`. */
    realTransform(output: number[], input: ArrayLike<number>): void;
    completeSpectrum(spectrum: number[]): void;
  }
  export = FFT;
}

declare module 'colormap' {
  function colormap(options: {
    colormap: string;
    nshades: number;
    format: 'rgb' | 'rgbaString' | 'hex' | 'float';
    alpha?: number;
  }): number[][];
  export = colormap;
}
