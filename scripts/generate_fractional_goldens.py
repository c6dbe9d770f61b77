"""Writes test/goldens/fractional_max_pool.json: PyTorch's fractional_max_pool2d/3d outputs and
indices for given _random_samples, over inputs with ties and NaNs, float32 and float64, output
sizes given or from a ratio: the independent expectation for fractional max pooling's windows
(lib/shape.ts) and, once it exists, its kernel. Run with /usr/bin/python3."""
import json
import math
import pathlib

import torch
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parent.parent / "test" / "goldens" / "fractional_max_pool.json"

CASES = [
    # (dims, input shape, kernel, output_size or None, output_ratio or None, dtype)
    (2, (2, 3, 9, 11), 2, (4, 5), None, torch.float32),
    (2, (1, 2, 16, 16), 3, None, (0.5, 0.5), torch.float32),
    (2, (2, 2, 7, 13), (2, 3), (6, 9), None, torch.float64),
    (2, (1, 1, 32, 24), 2, None, (0.7, 0.4), torch.float32),
    (2, (1, 4, 5, 5), 2, (4, 4), None, torch.float32),
    (2, (3, 1, 6, 6), 3, (1, 2), None, torch.float64),
    (3, (1, 2, 6, 7, 8), 2, (3, 4, 5), None, torch.float64),
    (3, (2, 1, 9, 9, 9), (3, 2, 2), None, (0.5, 0.6, 0.7), torch.float32),
    # A width where alpha and its products differ in float32 and float64 for this sample: the
    # windows must be computed in the samples' precision.
    (2, (1, 1, 8, 164), 2, (4, 23), None, torch.float32),
]
# Samples chosen for a case (by index) instead of drawn.
CHOSEN_SAMPLES = {8: [[[0.90123450756073, 0.3]]]}


def values(shape, dtype, generator):
    """Values with repeats (ties), some NaNs and infinities, as a flat list of numbers."""
    x = torch.randint(-6, 7, shape, generator=generator).to(dtype) / 2
    mask = torch.rand(shape, generator=generator)
    x[mask < 0.03] = float("nan")
    x[(mask >= 0.03) & (mask < 0.05)] = float("inf")
    x[(mask >= 0.05) & (mask < 0.06)] = float("-inf")
    return x


def encode(number):
    """JSON has no NaN or infinities: they go as strings."""
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    return number


def main():
    generator = torch.Generator().manual_seed(2024)
    cases = []
    for index, (dims, shape, kernel, output_size, output_ratio, dtype) in enumerate(CASES):
        x = values(shape, dtype, generator)
        samples = torch.rand(shape[0], shape[1], dims, generator=generator, dtype=dtype)
        if index in CHOSEN_SAMPLES:
            samples = torch.tensor(CHOSEN_SAMPLES[index], dtype=dtype)
        pool = F.fractional_max_pool2d if dims == 2 else F.fractional_max_pool3d
        y, indices = pool(
            x, kernel, output_size=output_size, output_ratio=output_ratio, return_indices=True, _random_samples=samples
        )
        cases.append(
            {
                "spatialDims": dims,
                "shape": list(shape),
                "dtype": "float32" if dtype == torch.float32 else "float64",
                "kernelSize": kernel if isinstance(kernel, int) else list(kernel),
                "outputSize": None if output_size is None else list(output_size),
                "outputRatio": None if output_ratio is None else list(output_ratio),
                "samples": samples.flatten().tolist(),
                "input": [encode(v) for v in x.flatten().tolist()],
                "outputShape": list(y.shape),
                "output": [encode(v) for v in y.flatten().tolist()],
                "indices": indices.flatten().tolist(),
            }
        )
    header = {"generator": "scripts/generate_fractional_goldens.py", "torch": torch.__version__}
    OUT.write_text(json.dumps({**header, "cases": cases}, separators=(",", ":")) + "\n")
    print(f"{len(cases)} cases -> {OUT}")


if __name__ == "__main__":
    main()
