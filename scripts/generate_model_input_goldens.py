"""Writes test/goldens/model_input.json: pooling with outputType, outputLayout and normalize
(API.md, Model input) as PyTorch computes it: the op on the input as float64 (an integer average
is then the exact sum over the divisor, unrounded), or on a float32 input in float32, then
`(y * scale - mean) / std` in float64, rounded once to the output type. Run with /usr/bin/python3."""
import json
import pathlib

import torch
import torch.nn.functional as F

from generate_goldens import enc_float as encode

OUT = pathlib.Path(__file__).resolve().parent.parent / "test" / "goldens" / "model_input.json"

IMAGENET = {"scale": 1 / 255, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]}

CASES = [
    # (name, op, dtype, input shape (N, H, W, C), channels_last input, options)
    ("uint8 HWC avg k2 to float32 CHW, ImageNet", "avgPool2d", "uint8", (1, 12, 18, 3), True,
     {"kernelSize": 2, "outputType": "float32", "outputLayout": "channelsFirst", "normalize": IMAGENET}),
    ("uint8 HWC avg k3 s2 p1 to float32 CHW, ImageNet", "avgPool2d", "uint8", (2, 11, 13, 3), True,
     {"kernelSize": 3, "stride": 2, "padding": 1, "outputType": "float32", "outputLayout": "channelsFirst",
      "normalize": IMAGENET}),
    ("uint8 HWC avg k2 ceilMode, countIncludePad false", "avgPool2d", "uint8", (1, 9, 7, 4), True,
     {"kernelSize": 2, "ceilMode": True, "countIncludePad": False, "outputType": "float32",
      "outputLayout": "channelsFirst", "normalize": {"scale": 1 / 255, "mean": 0.5, "std": 0.5}}),
    ("uint8 HWC k1 conversion to float32 CHW", "avgPool2d", "uint8", (1, 8, 10, 3), True,
     {"kernelSize": 1, "outputType": "float32", "outputLayout": "channelsFirst", "normalize": IMAGENET}),
    ("uint8 HWC max k2 to float32 CHW", "maxPool2d", "uint8", (1, 10, 14, 4), True,
     {"kernelSize": 2, "outputType": "float32", "outputLayout": "channelsFirst",
      "normalize": {"scale": 1 / 127.5, "mean": 1, "std": 1}}),
    ("uint8 HWC avg divisorOverride 3 to float64", "avgPool2d", "uint8", (1, 8, 8, 3), True,
     {"kernelSize": 2, "divisorOverride": 3, "outputType": "float64", "outputLayout": "channelsFirst"}),
    ("int16 NCHW avg k3 s1 p1 to float32 NHWC", "avgPool2d", "int16", (2, 6, 7, 3), False,
     {"kernelSize": 3, "stride": 1, "padding": 1, "outputType": "float32", "outputLayout": "channelsLast",
      "normalize": {"scale": 1 / 1000, "mean": [0.1, -0.2, 0.3], "std": [2, 3, 0.5]}}),
    ("uint16 NCHW avg k2 to float32", "avgPool2d", "uint16", (1, 8, 9, 2), False,
     {"kernelSize": 2, "outputType": "float32", "normalize": {"scale": 1 / 65535, "mean": 0.25, "std": 0.125}}),
    ("float32 NCHW avg k2 normalised", "avgPool2d", "float32", (2, 6, 6, 3), False,
     {"kernelSize": 2, "normalize": {"scale": 2, "mean": [0.5, 1, -1], "std": [3, 0.7, 1.1]}}),
    ("float32 NCHW max k3 s2 p1 to float64 NHWC", "maxPool2d", "float32", (1, 9, 9, 3), False,
     {"kernelSize": 3, "stride": 2, "padding": 1, "outputType": "float64", "outputLayout": "channelsLast"}),
    ("float64 NHWC avg k2 to float32 NCHW", "avgPool2d", "float64", (1, 6, 8, 3), True,
     {"kernelSize": 2, "outputType": "float32", "outputLayout": "channelsFirst",
      "normalize": {"mean": [0.1, 0.2, 0.3], "std": 0.3}}),
    ("uint8 HWC adaptive max to float32 CHW", "adaptiveMaxPool2d", "uint8", (1, 11, 9, 3), True,
     {"outputSize": [4, 3], "outputType": "float32", "outputLayout": "channelsFirst", "normalize": IMAGENET}),
]


def values(dtype, shape, generator):
    if dtype in ("float32", "float64"):
        x = torch.randint(-40, 41, shape, generator=generator).double() / 8
        return x.to(getattr(torch, dtype))
    low, high = {"uint8": (0, 256), "int16": (-32768, 32768), "uint16": (0, 65536)}[dtype]
    return torch.randint(low, high, shape, generator=generator, dtype=torch.int64)


def pool(op, x, options):
    kernel = options.get("kernelSize")
    if op == "avgPool2d":
        divisor = options.get("divisorOverride")
        return F.avg_pool2d(x, kernel, options.get("stride", kernel), options.get("padding", 0),
                            options.get("ceilMode", False), options.get("countIncludePad", True), divisor)
    if op == "maxPool2d":
        return F.max_pool2d(x, kernel, options.get("stride", kernel), options.get("padding", 0),
                            ceil_mode=options.get("ceilMode", False))
    if op == "adaptiveMaxPool2d":
        return F.adaptive_max_pool2d(x, options["outputSize"])
    raise ValueError(op)


def main():
    generator = torch.Generator().manual_seed(2121)
    cases = []
    for name, op, dtype, (n, h, w, c), channels_last, options in CASES:
        x = values(dtype, (n, c, h, w), generator)  # canonical NCHW
        # The op's own values: floats in their precision, integers exactly in float64.
        y = pool(op, x if dtype in ("float32", "float64") else x.double(), options).double()
        normalize = options.get("normalize", {})
        scale = normalize.get("scale", 1)
        per_channel = lambda v: torch.tensor(v if isinstance(v, list) else [v] * c, dtype=torch.float64)[None, :, None, None]
        if normalize:
            y = (y * scale - per_channel(normalize.get("mean", 0))) / per_channel(normalize.get("std", 1))
        output_type = options.get("outputType", dtype)
        y = y.to(getattr(torch, output_type))
        output_last = options.get("outputLayout", "channelsLast" if channels_last else "channelsFirst") == "channelsLast"
        stored_x = x.permute(0, 2, 3, 1) if channels_last else x
        stored_y = y.permute(0, 2, 3, 1) if output_last else y
        cases.append({
            "name": name,
            "op": op,
            "dtype": dtype,
            "input": {"shape": list(stored_x.shape), "data": [encode(float(v)) for v in stored_x.flatten().tolist()]},
            "options": {**options, "channelsLast": channels_last},
            "expected": {"type": output_type, "shape": list(stored_y.shape),
                         "data": [encode(float(v)) for v in stored_y.contiguous().flatten().tolist()]},
        })
    OUT.write_text(json.dumps({"generator": "scripts/generate_model_input_goldens.py", "torch": torch.__version__,
                               "cases": cases}, indent=None) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
