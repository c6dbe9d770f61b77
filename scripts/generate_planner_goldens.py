"""Writes test/goldens/planner.json: stacks of layers built as PyTorch modules, with each layer's
output shape (from running zeros through it) and parameter counts (weights and bias, from the
module's own tensors), the independent expectation for lib/planner.ts. Multiply-accumulates are
counted here from the module's own attributes and output, by the textbook rule. Run with
/usr/bin/python3."""
import json
import math
import pathlib

import torch
from torch import nn

OUT = pathlib.Path(__file__).resolve().parent.parent / "test" / "goldens" / "planner.json"

CONVS = {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}
POOLS = {
    "maxPool": {1: nn.MaxPool1d, 2: nn.MaxPool2d, 3: nn.MaxPool3d},
    "avgPool": {1: nn.AvgPool1d, 2: nn.AvgPool2d, 3: nn.AvgPool3d},
    "adaptiveAvgPool": {1: nn.AdaptiveAvgPool1d, 2: nn.AdaptiveAvgPool2d, 3: nn.AdaptiveAvgPool3d},
    "adaptiveMaxPool": {1: nn.AdaptiveMaxPool1d, 2: nn.AdaptiveMaxPool2d, 3: nn.AdaptiveMaxPool3d},
}


def module_for(layer, shape):
    """The PyTorch module a planner layer describes, for an input of this shape."""
    kind = layer["type"]
    if kind == "conv":
        dims = len(shape) - 2
        return CONVS[dims](
            shape[1],
            layer["outChannels"],
            layer["kernelSize"],
            stride=layer.get("stride", 1),
            padding=layer.get("padding", 0),
            dilation=layer.get("dilation", 1),
            groups=layer.get("groups", 1),
            bias=layer.get("bias", True),
        )
    if kind == "flatten":
        return nn.Flatten()
    if kind == "linear":
        return nn.Linear(shape[-1], layer["outFeatures"], bias=layer.get("bias", True))
    if kind == "globalAvgPool":
        return nn.AdaptiveAvgPool2d(1) if len(shape) == 4 else nn.AdaptiveAvgPool3d(1)
    family, dims = kind[:-2], int(kind[-2])
    if family.startswith("adaptive"):
        size = layer["outputSize"]
        return POOLS[family][dims](tuple(size) if isinstance(size, list) else size)
    options = {"stride": layer.get("stride"), "padding": layer.get("padding", 0), "ceil_mode": layer.get("ceilMode", False)}
    if family == "maxPool":
        options["dilation"] = layer.get("dilation", 1)
    return POOLS[family][dims](layer["kernelSize"], **options)


def macs(module, output):
    """Multiply-accumulates: a conv's per output element (in/groups) * kernel taps, a linear's in_features."""
    if isinstance(module, (nn.Conv1d, nn.Conv2d, nn.Conv3d)):
        return output.numel() * (module.in_channels // module.groups) * math.prod(module.kernel_size)
    if isinstance(module, nn.Linear):
        return output.numel() * module.in_features
    return 0


def plan(input_shape, layers):
    x = torch.zeros(input_shape)
    rows = []
    for layer in layers:
        module = module_for(layer, list(x.shape))
        with torch.no_grad():
            x = module(x)
        weight = getattr(module, "weight", None)
        bias = getattr(module, "bias", None)
        rows.append(
            {
                "outputShape": list(x.shape),
                "weights": 0 if weight is None else weight.numel(),
                "bias": 0 if bias is None else bias.numel(),
                "macs": macs(module, x),
            }
        )
    return rows


STACKS = [
    # The course's worked example: 5x5 from 128 to 256 channels, and with a 1x1 bottleneck first.
    ([1, 128, 100, 100], [{"type": "conv", "outChannels": 256, "kernelSize": 5, "padding": 2}]),
    (
        [1, 128, 100, 100],
        [
            {"type": "conv", "outChannels": 32, "kernelSize": 1},
            {"type": "conv", "outChannels": 256, "kernelSize": 5, "padding": 2},
        ],
    ),
    # A ResNet-18 stem and head.
    (
        [2, 3, 224, 224],
        [
            {"type": "conv", "outChannels": 64, "kernelSize": 7, "stride": 2, "padding": 3, "bias": False},
            {"type": "maxPool2d", "kernelSize": 3, "stride": 2, "padding": 1},
            {"type": "conv", "outChannels": 128, "kernelSize": 3, "stride": 2, "padding": 1, "bias": False},
            {"type": "globalAvgPool"},
            {"type": "flatten"},
            {"type": "linear", "outFeatures": 1000},
        ],
    ),
    # LeNet-5 on 32x32 with average pooling.
    (
        [1, 1, 32, 32],
        [
            {"type": "conv", "outChannels": 6, "kernelSize": 5},
            {"type": "avgPool2d", "kernelSize": 2},
            {"type": "conv", "outChannels": 16, "kernelSize": 5},
            {"type": "avgPool2d", "kernelSize": 2},
            {"type": "flatten"},
            {"type": "linear", "outFeatures": 120},
            {"type": "linear", "outFeatures": 84},
            {"type": "linear", "outFeatures": 10, "bias": False},
        ],
    ),
    # Grouped, depthwise, dilated and strided convs; asymmetric kernels; ceil mode.
    (
        [4, 32, 57, 41],
        [
            {"type": "conv", "outChannels": 64, "kernelSize": [3, 5], "groups": 4, "padding": [1, 2]},
            {"type": "conv", "outChannels": 64, "kernelSize": 3, "groups": 64, "dilation": 2, "stride": [2, 1]},
            {"type": "maxPool2d", "kernelSize": 3, "stride": 2, "ceilMode": True},
            {"type": "adaptiveAvgPool2d", "outputSize": [5, 3]},
        ],
    ),
    # 1-D audio-like and 3-D video-like stacks.
    (
        [8, 1, 16000],
        [
            {"type": "conv", "outChannels": 16, "kernelSize": 80, "stride": 16},
            {"type": "maxPool1d", "kernelSize": 4},
            {"type": "conv", "outChannels": 32, "kernelSize": 3, "padding": 1},
            {"type": "adaptiveMaxPool1d", "outputSize": 10},
            {"type": "flatten"},
            {"type": "linear", "outFeatures": 35},
        ],
    ),
    (
        [1, 3, 16, 112, 112],
        [
            {"type": "conv", "outChannels": 64, "kernelSize": [3, 7, 7], "stride": [1, 2, 2], "padding": [1, 3, 3]},
            {"type": "maxPool3d", "kernelSize": [1, 3, 3], "stride": [1, 2, 2], "padding": [0, 1, 1]},
            {"type": "avgPool3d", "kernelSize": 2},
            {"type": "globalAvgPool"},
            {"type": "flatten"},
            {"type": "linear", "outFeatures": 400},
        ],
    ),
]


def main():
    cases = [{"inputShape": shape, "layers": layers, "expected": plan(shape, layers)} for shape, layers in STACKS]
    header = {"generator": "scripts/generate_planner_goldens.py", "torch": torch.__version__}
    OUT.write_text(json.dumps({**header, "cases": cases}, separators=(",", ":")) + "\n")
    print(f"{len(cases)} stacks -> {OUT}")


if __name__ == "__main__":
    main()
