"""Writes test/goldens/output_sizes.json: PyTorch's pooled output size for a grid of one-dim
window parameters, the independent expectation for lib/shape.ts. Run with /usr/bin/python3."""
import itertools
import json
import pathlib

import torch
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parent.parent / "test" / "goldens" / "output_sizes.json"


def torch_output_size(size, kernel, stride, padding, dilation, ceil_mode):
    """Output length of max_pool1d, or None where PyTorch rejects the parameters."""
    try:
        result = F.max_pool1d(torch.zeros(1, 1, size), kernel, stride, padding, dilation, ceil_mode)
    except RuntimeError:
        return None
    return result.shape[-1]


def main():
    cases = []
    for size, kernel, stride, dilation, ceil_mode in itertools.product(
        range(1, 13), range(1, 6), range(1, 5), range(1, 4), (False, True)
    ):
        for padding in range(kernel // 2 + 1):
            out = torch_output_size(size, kernel, stride, padding, dilation, ceil_mode)
            cases.append([size, kernel, stride, padding, dilation, ceil_mode, out])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    body = ",\n".join(json.dumps(case, separators=(",", ":")) for case in cases)
    header = {
        "generator": "scripts/generate_output_size_goldens.py",
        "torch": torch.__version__,
        "columns": ["inputSize", "kernelSize", "stride", "padding", "dilation", "ceilMode", "outputSize (null: rejected)"],
    }
    OUT.write_text(json.dumps(header)[:-1] + ',"cases":[\n' + body + "\n]}\n")
    print(f"{len(cases)} cases -> {OUT}")


if __name__ == "__main__":
    main()
