#!/usr/bin/python3
"""Generate the golden files test/goldens/max_pool.json and test/goldens/avg_pool.json.

Run with Debian's python3 (python3-torch 1.13, numpy):

    /usr/bin/python3 scripts/generate_goldens.py

Every case is computed by a plain-Python N-d reference (`reference_max_pool`,
`reference_avg_pool`) that follows the shared API.md contract.  Whenever PyTorch can
compute the same case (float32/float64, padding that resolves to symmetric
padding <= floor(k/2) -- this includes 'valid', [[p, p]] pairs and those 'same'
cases whose padding comes out symmetric --, avg without dilation) it is run too, and the two must agree bit for bit (NaN equals
NaN, -0 and +0 are distinct) including the max indices; the file then records
PyTorch's values with "source": "torch".  Any disagreement aborts the script,
except the one documented PyTorch quirk: a max window with no real tap (only
possible with a large dilation), where PyTorch returns an index that points
outside the window; such cases keep the reference ("source": "reference") and
are listed on stdout.

File format (one case per line):
  { "generator": "scripts/generate_goldens.py", "torch": "<version>", "cases": [CASE, ...] }
  CASE = { name, op, dtype, input: {shape, data}, options, expected: {shape, data[, indices]}, source }
Non-finite floats and negative zero are written as the strings "NaN",
"Infinity", "-Infinity" and "-0".  float32 values are written as the shortest
decimal of the exact double value of the float32, so they round-trip exactly.

The output is deterministic: every case draws its data from
numpy.random.default_rng(seed) with a seed derived from the case's name.
"""

import itertools
import json
import math
import os
import sys
import time
import zlib

import numpy as np
import torch
import torch.nn.functional as F

GENERATOR = 'scripts/generate_goldens.py'
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, 'test', 'goldens')
MAX_FILE_BYTES = 1_500_000

DTYPES = {
    'Float32Array': np.float32,
    'Float64Array': np.float64,
    'Int8Array': np.int8,
    'Uint8Array': np.uint8,
    'Uint8ClampedArray': np.uint8,  # behaves exactly as Uint8Array
    'Int16Array': np.int16,
    'Uint16Array': np.uint16,
    'Int32Array': np.int32,
    'Uint32Array': np.uint32,
}
FLOAT_DTYPES = ('Float32Array', 'Float64Array')
INT_DTYPES = ('Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
              'Int32Array', 'Uint32Array')
SHORT = {
    'Float32Array': 'float32', 'Float64Array': 'float64', 'Int8Array': 'int8', 'Uint8Array': 'uint8',
    'Uint8ClampedArray': 'uint8clamped', 'Int16Array': 'int16', 'Uint16Array': 'uint16',
    'Int32Array': 'int32', 'Uint32Array': 'uint32',
}
MAX_OPTION_KEYS = {'kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'channelsLast', 'returnIndices'}
AVG_OPTION_KEYS = {'kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'channelsLast',
                   'countIncludePad', 'divisorOverride'}


class GoldenError(Exception):
    pass


def fail(msg):
    raise GoldenError(msg)


def int_range(dtype):
    info = np.iinfo(DTYPES[dtype])
    return int(info.min), int(info.max)


# ----------------------------------------------------------------------------------------------
# Option resolution (API.md "Options shared by the windowed ops")
# ----------------------------------------------------------------------------------------------

def _per_dim(value, nd, what):
    if isinstance(value, (list, tuple)):
        if len(value) != nd:
            fail(f'{what} {value!r} must have {nd} entries')
        out = list(value)
    else:
        out = [value] * nd
    for v in out:
        if not isinstance(v, int) or isinstance(v, bool):
            fail(f'{what} {value!r}: entries must be integers')
    return out


def out_size(in_size, k, s, d, pb, pe, ceil_mode):
    eff = d * (k - 1) + 1
    num = in_size + pb + pe - eff
    if ceil_mode:
        out = -((-num) // s) + 1
        if (out - 1) * s >= in_size + pb:
            out -= 1
    else:
        out = num // s + 1
    return out


def resolve_geometry(opts, nd, spatial):
    """Returns dict(k, s, d, pads=[(b, e)], outs, ceil, padding_kind) for the spatial sizes."""
    if 'kernelSize' not in opts:
        fail('kernelSize is required')
    k = _per_dim(opts['kernelSize'], nd, 'kernelSize')
    s = _per_dim(opts.get('stride', opts['kernelSize']), nd, 'stride')
    d = _per_dim(opts.get('dilation', 1), nd, 'dilation')
    for name, arr in (('kernelSize', k), ('stride', s), ('dilation', d)):
        if any(v < 1 for v in arr):
            fail(f'{name} {arr} must be >= 1')
    ceil_mode = bool(opts.get('ceilMode', False))
    pad = opts.get('padding', 0)
    if pad == 'valid':
        pads = [(0, 0)] * nd
        kind = 'valid'
    elif pad == 'same':
        pads = []
        for i in range(nd):
            eff = d[i] * (k[i] - 1) + 1
            o = -((-spatial[i]) // s[i])
            total = max((o - 1) * s[i] + eff - spatial[i], 0)
            pads.append((total // 2, total - total // 2))
        kind = 'same'
    elif isinstance(pad, (list, tuple)) and len(pad) > 0 and isinstance(pad[0], (list, tuple)):
        if len(pad) != nd or any(len(p) != 2 for p in pad):
            fail(f'padding {pad!r} must be {nd} [begin, end] pairs')
        pads = [(p[0], p[1]) for p in pad]
        kind = 'pairs'
    else:
        sym = _per_dim(pad, nd, 'padding')
        pads = [(p, p) for p in sym]
        kind = 'number' if not isinstance(pad, (list, tuple)) else 'list'
    for i, (b, e) in enumerate(pads):
        if not isinstance(b, int) or not isinstance(e, int) or b < 0 or e < 0:
            fail(f'padding {pad!r} must be non-negative integers')
        if kind != 'same' and (b > k[i] // 2 or e > k[i] // 2):
            fail(f'padding {pad!r} exceeds floor(kernelSize/2) in dim {i}')
    outs = [out_size(spatial[i], k[i], s[i], d[i], pads[i][0], pads[i][1], ceil_mode) for i in range(nd)]
    if any(o < 1 for o in outs):
        fail(f'output size {outs} < 1 for input {spatial} and options {opts}')
    if kind == 'same' and not ceil_mode:
        want = [-((-spatial[i]) // s[i]) for i in range(nd)]
        if outs != want:
            fail(f"'same' padding gave output {outs}, expected {want}")
    return dict(k=k, s=s, d=d, pads=pads, outs=outs, ceil=ceil_mode, padding_kind=kind)


def dim_windows(in_size, k, s, d, pb, pe, n_out):
    """For each output position: (list of real tap coordinates, count-include-pad tap count)."""
    res = []
    for o in range(n_out):
        start = o * s - pb
        taps = [start + j * d for j in range(k)]
        real = [t for t in taps if 0 <= t < in_size]
        incl = sum(1 for t in taps if t < in_size + pe)
        res.append((real, incl))
    return res


# ----------------------------------------------------------------------------------------------
# Layout helpers: canonical layout is (N, C, *spatial), contiguous
# ----------------------------------------------------------------------------------------------

def spatial_of(shape, nd, channels_last):
    if len(shape) not in (nd + 1, nd + 2):
        fail(f'input rank {len(shape)} does not fit a {nd}d op')
    return list(shape[-nd - 1:-1]) if channels_last else list(shape[-nd:])


def to_canonical(arr, nd, channels_last):
    batched = arr.ndim == nd + 2
    if not batched:
        arr = arr[None]
    if channels_last:
        arr = np.moveaxis(arr, -1, 1)
    return np.ascontiguousarray(arr), batched


def from_canonical(arr, batched, channels_last):
    if channels_last:
        arr = np.moveaxis(arr, 1, -1)
    if not batched:
        arr = arr[0]
    return np.ascontiguousarray(arr)


# ----------------------------------------------------------------------------------------------
# Reference implementations (general N-d, plain Python)
# ----------------------------------------------------------------------------------------------

def _plane_windows(spatial, geom):
    nd = len(spatial)
    wins = [dim_windows(spatial[i], geom['k'][i], geom['s'][i], geom['d'][i], geom['pads'][i][0],
                        geom['pads'][i][1], geom['outs'][i]) for i in range(nd)]
    strides = [int(np.prod(spatial[i + 1:], dtype=np.int64)) for i in range(nd)]
    # per dim per output: offsets (coordinate * plane stride) of the real taps
    offs = [[[t * strides[i] for t in real] for (real, _) in wins[i]] for i in range(nd)]
    return wins, offs


def reference_max_pool(x, nd, geom, dtype):
    """x: canonical (N, C, *spatial) array. Returns (values, indices) in canonical layout."""
    N, C = x.shape[:2]
    spatial = list(x.shape[2:])
    outs = geom['outs']
    wins, offs = _plane_windows(spatial, geom)
    is_float = dtype in FLOAT_DTYPES
    empty_value = -math.inf if is_float else int_range(dtype)[0]
    out = np.zeros([N, C] + outs, dtype=DTYPES[dtype])
    idx = np.zeros([N, C] + outs, dtype=np.int64)
    n_out = int(np.prod(outs, dtype=np.int64))
    out_flat = out.reshape(N * C, n_out)
    idx_flat = idx.reshape(N * C, n_out)
    planes = x.reshape(N * C, int(np.prod(spatial, dtype=np.int64)))
    positions = list(itertools.product(*[range(o) for o in outs]))
    for p in range(N * C):
        plane = planes[p].tolist()  # python floats (exact for float32) or ints
        for q, opos in enumerate(positions):
            best = None
            best_idx = -1
            for tap in itertools.product(*[offs[i][opos[i]] for i in range(nd)]):
                off = sum(tap)
                v = plane[off]
                if best is None or v > best or (is_float and math.isnan(v)):
                    best = v
                    best_idx = off
            if best is None:
                best = empty_value
            out_flat[p, q] = best
            idx_flat[p, q] = best_idx
    return out, idx


def round_div_half_away(num, den):
    """Exact num/den (den > 0) rounded to nearest, ties away from zero, integer arithmetic only."""
    assert den > 0
    q = (2 * abs(num) + den) // (2 * den)
    return q if num >= 0 else -q


def reference_avg_pool(x, nd, geom, dtype, count_include_pad=True, divisor_override=None):
    N, C = x.shape[:2]
    spatial = list(x.shape[2:])
    outs = geom['outs']
    wins, offs = _plane_windows(spatial, geom)
    out = np.zeros([N, C] + outs, dtype=DTYPES[dtype])
    out_flat = out.reshape(N * C, int(np.prod(outs, dtype=np.int64)))
    planes = x.reshape(N * C, int(np.prod(spatial, dtype=np.int64)))
    positions = list(itertools.product(*[range(o) for o in outs]))
    lo, hi = (None, None) if dtype in FLOAT_DTYPES else int_range(dtype)
    for p in range(N * C):
        if dtype == 'Float32Array':
            plane = list(planes[p])  # np.float32 scalars
        else:
            plane = planes[p].tolist()  # python floats (float64) or python ints
        for q, opos in enumerate(positions):
            taps = [sum(t) for t in itertools.product(*[offs[i][opos[i]] for i in range(nd)])]
            if divisor_override is not None:
                divisor = divisor_override
            elif count_include_pad:
                divisor = 1
                for i in range(nd):
                    divisor *= wins[i][opos[i]][1]
            else:
                divisor = len(taps)
            if not taps:
                out_flat[p, q] = 0
                continue
            if dtype == 'Float32Array':
                acc = np.float32(0)
                for t in taps:
                    acc = np.float32(acc + plane[t])
                out_flat[p, q] = np.float32(acc) / np.float32(divisor)
            elif dtype == 'Float64Array':
                acc = 0.0
                for t in taps:
                    acc += plane[t]
                out_flat[p, q] = acc / float(divisor)
            else:
                acc = 0
                for t in taps:
                    acc += plane[t]
                out_flat[p, q] = min(max(round_div_half_away(acc, divisor), lo), hi)
    return out


# ----------------------------------------------------------------------------------------------
# PyTorch
# ----------------------------------------------------------------------------------------------

def torch_can_compute(kind, dtype, geom):
    if dtype not in FLOAT_DTYPES:
        return False, 'integer dtype'
    for i, (b, e) in enumerate(geom['pads']):
        if b != e:
            return False, 'asymmetric padding'
        if b > geom['k'][i] // 2:
            return False, 'padding > floor(k/2)'
    if kind == 'avg' and any(v != 1 for v in geom['d']):
        return False, 'avg with dilation'
    return True, ''


def torch_pool(kind, x, nd, geom, count_include_pad=True, divisor_override=None):
    t = torch.from_numpy(x.copy())
    k, s, d = geom['k'], geom['s'], geom['d']
    p = [b for (b, _) in geom['pads']]
    if kind == 'max':
        fn = getattr(F, f'max_pool{nd}d')
        o, i = fn(t, kernel_size=k, stride=s, padding=p, dilation=d, ceil_mode=geom['ceil'],
                  return_indices=True)
        return o.numpy().copy(), i.numpy().astype(np.int64)
    if nd == 1 and divisor_override is not None:
        # avg_pool1d has no divisor_override; PyTorch's avg_pool1d is avg_pool2d on (N, C, 1, L).
        o = F.avg_pool2d(t.unsqueeze(2), kernel_size=[1] + k, stride=[1] + s, padding=[0] + p,
                         ceil_mode=geom['ceil'], count_include_pad=count_include_pad,
                         divisor_override=divisor_override).squeeze(2)
    elif nd == 1:
        o = F.avg_pool1d(t, kernel_size=k, stride=s, padding=p, ceil_mode=geom['ceil'],
                         count_include_pad=count_include_pad)
    else:
        fn = getattr(F, f'avg_pool{nd}d')
        o = fn(t, kernel_size=k, stride=s, padding=p, ceil_mode=geom['ceil'],
               count_include_pad=count_include_pad, divisor_override=divisor_override)
    return o.numpy().copy(), None


def bitwise_equal(a, b):
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype.kind == 'f':
        na, nb = np.isnan(a), np.isnan(b)
        if not np.array_equal(na, nb):
            return False
        ui = np.uint32 if a.dtype == np.float32 else np.uint64
        return np.array_equal(a[~na].view(ui), b[~nb].view(ui))
    return np.array_equal(a, b)


def first_difference(a, b):
    fa, fb = a.ravel(), b.ravel()
    for i in range(min(fa.size, fb.size)):
        x, y = fa[i], fb[i]
        if a.dtype.kind == 'f':
            if (math.isnan(x) and math.isnan(y)) or (x == y and math.copysign(1, x) == math.copysign(1, y)):
                continue
        elif x == y:
            continue
        return i, x, y
    return None


# ----------------------------------------------------------------------------------------------
# JSON encoding
# ----------------------------------------------------------------------------------------------

def enc_float(v):
    v = float(v)
    if math.isnan(v):
        return 'NaN'
    if math.isinf(v):
        return 'Infinity' if v > 0 else '-Infinity'
    if v == 0 and math.copysign(1.0, v) < 0:
        return '-0'
    return v


def enc_array(arr, dtype):
    flat = arr.ravel().tolist()
    if dtype in FLOAT_DTYPES:
        return [enc_float(v) for v in flat]
    return [int(v) for v in flat]


def dec_float(v):
    if isinstance(v, str):
        return {'NaN': math.nan, 'Infinity': math.inf, '-Infinity': -math.inf, '-0': -0.0}[v]
    return float(v)


def dec_array(values, dtype, shape):
    if dtype in FLOAT_DTYPES:
        py = [dec_float(v) for v in values]
        arr = np.array(py, dtype=np.float64)
        if dtype == 'Float32Array':
            arr32 = arr.astype(np.float32)
            fin = np.isfinite(arr)
            if not np.array_equal(arr32[fin].astype(np.float64), arr[fin]):
                fail('a float32 value does not round-trip')
            arr = arr32
    else:
        if any(not isinstance(v, int) or isinstance(v, bool) for v in values):
            fail('integer data holds a non-integer')
        lo, hi = int_range(dtype)
        if any(v < lo or v > hi for v in values):
            fail('integer data out of range')
        arr = np.array(values, dtype=DTYPES[dtype])
    if arr.size != int(np.prod(shape, dtype=np.int64)):
        fail(f'data length {arr.size} does not match shape {shape}')
    return arr.reshape(shape)


# ----------------------------------------------------------------------------------------------
# Case construction
# ----------------------------------------------------------------------------------------------

def seed_of(text):
    return zlib.crc32(text.encode('utf-8'))


def make_values(kind, n, dtype, rng):
    """Flat array of n values of dtype, drawn by kind."""
    npdt = DTYPES[dtype]
    if dtype in FLOAT_DTYPES:
        if kind == 'grid':          # short exact decimals, frequent ties
            v = rng.integers(-40, 41, n) / 4
        elif kind == 'normal':
            v = rng.standard_normal(n)
        elif kind == 'ties':
            v = rng.integers(0, 2, n).astype(np.float64)
        elif kind == 'const':
            v = np.full(n, 1.5)
        elif kind == 'negative':
            v = -rng.integers(1, 80, n) / 8
        elif kind == 'ramp':
            v = np.arange(n, dtype=np.float64)
        elif kind == 'large':       # large and small magnitudes mixed: summation order matters
            v = rng.standard_normal(n) * 1e6
            small = rng.random(n) < 0.5
            v[small] = rng.standard_normal(int(small.sum())) * rng.choice([1e-3, 1.0, 1e-7], int(small.sum()))
        elif kind == 'special':     # grid sprinkled with NaN, +-Infinity, -0, +0
            v = rng.integers(-20, 21, n) / 4
            r = rng.random(n)
            v[r < 0.06] = math.nan
            v[(r >= 0.06) & (r < 0.12)] = math.inf
            v[(r >= 0.12) & (r < 0.20)] = -math.inf
            v[(r >= 0.20) & (r < 0.28)] = -0.0
            v[(r >= 0.28) & (r < 0.34)] = 0.0
        else:
            raise ValueError(kind)
        with np.errstate(all='ignore'):
            return v.astype(npdt)
    lo, hi = int_range(dtype)
    if kind in ('grid', 'normal'):
        v = rng.integers(max(lo, -100), min(hi, 100) + 1, n, dtype=np.int64)
    elif kind == 'full':            # the whole range, with the min and max present
        v = rng.integers(lo, hi + 1, n, dtype=np.int64)
        if n >= 4:
            pos = rng.permutation(n)[:4]
            v[pos[0]], v[pos[1]] = lo, hi
            v[pos[2]], v[pos[3]] = lo + 1, hi - 1
    elif kind == 'ties':
        v = rng.integers(max(lo, -1), max(lo, -1) + 2, n, dtype=np.int64)
    elif kind == 'const':
        v = np.full(n, min(hi, 7), dtype=np.int64)
    elif kind == 'ramp':
        v = np.arange(n, dtype=np.int64) % (min(hi, 100) + 1)
    elif kind == 'high':
        v = rng.integers(hi - 6, hi + 1, n, dtype=np.int64)
    elif kind == 'low':
        v = rng.integers(lo, lo + 7, n, dtype=np.int64)
    elif kind == 'extremes':
        v = rng.choice(np.array([lo, lo + 1, 0, hi - 1, hi], dtype=np.int64), n)
    elif kind == 'negative':
        v = rng.integers(lo, min(lo + 100, hi) + 1, n, dtype=np.int64) if lo < 0 else \
            rng.integers(0, 5, n, dtype=np.int64)
    else:
        raise ValueError(kind)
    return v.astype(npdt)


# layouts: (label, batched, N, C, channelsLast)
LAYOUTS = {
    'cf': (True, 2, 3, False),
    'cl': (True, 2, 3, True),
    'ucf': (False, 1, 2, False),
    'ucl': (False, 1, 3, True),
    'cf1': (True, 1, 1, False),
    'cl1': (True, 1, 1, True),
}
LAYOUT_ORDER = ['cf', 'cl', 'ucf', 'ucl']


def layout_label(batched, N, C, cl):
    lay = 'channelsLast' if cl else 'channelsFirst'
    return f'N{N} C{C} {lay}' if batched else f'unbatched C{C} {lay}'


def claim_case(names, op, desc, layout, dtype, opts, allowed, extra=None, tag=None):
    """A new case's name, added to names, and its options with the layout's channelsLast and
    extra; fails on a repeated name or an option the op does not take."""
    batched, N, C, cl = layout
    name = f'{op} {desc} [{layout_label(batched, N, C, cl)}] {SHORT[dtype]}' + (f' {tag}' if tag else '')
    if name in names:
        fail(f'duplicate case name {name!r}')
    names.add(name)
    opts = dict(opts)
    if cl:
        opts['channelsLast'] = True
    opts.update(extra or {})
    if set(opts) - allowed:
        fail(f'{name}: unknown options {set(opts) - allowed}')
    return name, opts


def canonical_values(name, data, dtype, shape):
    """Given canonical (N, C, *spatial) values as an array of dtype, checked against shape."""
    with np.errstate(all='ignore'):
        canon = np.array(data, dtype=np.float64 if dtype in FLOAT_DTYPES else np.int64).astype(DTYPES[dtype])
    if list(canon.shape) != shape:
        fail(f'{name}: data shape {canon.shape} != {shape}')
    return canon


class Suite:
    def __init__(self, kind):
        self.kind = kind  # 'max' | 'avg'
        self.cases = []
        self.names = set()

    def add(self, desc, nd, spatial, opts, dtype='Float32Array', layout='cf', values='grid',
            data=None, N=None, C=None, returnIndices=True, tag=None):
        """data: optional canonical (N, C, *spatial) array (python nested list or ndarray)."""
        batched, n0, c0, cl = LAYOUTS[layout] if isinstance(layout, str) else layout
        N = n0 if N is None else N
        C = c0 if C is None else C
        op = f'{self.kind}Pool{nd}d'
        extra = {'returnIndices': True} if self.kind == 'max' and returnIndices else {}
        allowed = MAX_OPTION_KEYS if self.kind == 'max' else AVG_OPTION_KEYS
        name, opts = claim_case(self.names, op, desc, (batched, N, C, cl), dtype, opts, allowed, extra, tag)
        shape = [N, C] + list(spatial)
        if data is None:
            rng = np.random.default_rng(seed_of(name))
            canon = make_values(values, int(np.prod(shape)), dtype, rng).reshape(shape)
        else:
            canon = canonical_values(name, data, dtype, shape)
        x = from_canonical(canon, batched, cl)
        self.cases.append(dict(name=name, op=op, nd=nd, dtype=dtype, input=x, options=opts))
        return name

    def add_with_option(self, option, value, desc, nd, spatial, opts, *args):
        """add() with one option set, the case named after it ('countIncludePad false')."""
        return self.add(f'{desc} {option} {str(value).lower()}', nd, spatial, dict(opts, **{option: value}), *args)


def compute_case(kind, case, report):
    nd, dtype, opts = case['nd'], case['dtype'], case['options']
    x = case['input']
    cl = bool(opts.get('channelsLast', False))
    spatial = spatial_of(list(x.shape), nd, cl)
    geom = resolve_geometry(opts, nd, spatial)
    canon, batched = to_canonical(x, nd, cl)
    cip = opts.get('countIncludePad', True)
    dov = opts.get('divisorOverride')
    with np.errstate(all='ignore'):
        if kind == 'max':
            ref_v, ref_i = reference_max_pool(canon, nd, geom, dtype)
        else:
            ref_v, ref_i = reference_avg_pool(canon, nd, geom, dtype, cip, dov), None
    source = 'reference'
    val, ind = ref_v, ref_i
    ok, why = torch_can_compute(kind, dtype, geom)
    if ok:
        try:
            t_v, t_i = torch_pool(kind, canon, nd, geom, cip, dov)
        except RuntimeError as e:
            t_v = None
            report['torch_refused'].append((case['name'], str(e).splitlines()[0]))
        if t_v is not None:
            if not bitwise_equal(t_v, ref_v):
                diff = first_difference(t_v, ref_v)
                fail(f'torch and reference values disagree in case {case["name"]!r} '
                     f'(options {opts}, input shape {list(x.shape)}): first difference at canonical flat '
                     f'position {diff[0]}: torch {diff[1]!r}, reference {diff[2]!r}' if diff else
                     f'torch and reference shapes disagree in case {case["name"]!r}: '
                     f'{t_v.shape} vs {ref_v.shape}')
            if kind == 'max' and not np.array_equal(t_i, ref_i):
                empty = ref_i == -1
                if np.array_equal(t_i[~empty], ref_i[~empty]) and empty.any():
                    report['overridden'].append(
                        (case['name'], int(empty.sum()), sorted(set(t_i[empty].tolist()))))
                else:
                    pos = int(np.argmax((t_i != ref_i).ravel()))
                    fail(f'torch and reference indices disagree in case {case["name"]!r} '
                         f'(options {opts}, input shape {list(x.shape)}): first difference at canonical '
                         f'flat position {pos}: torch {t_i.ravel()[pos]}, reference {ref_i.ravel()[pos]}')
            else:
                val, ind = t_v, t_i
                source = 'torch'
    else:
        report['reference_only'][why] = report['reference_only'].get(why, 0) + 1
    val_out = from_canonical(val, batched, cl)
    expected = {'shape': list(val_out.shape), 'data': enc_array(val_out, dtype)}
    if kind == 'max' and opts.get('returnIndices'):
        expected['indices'] = [int(v) for v in from_canonical(ind, batched, cl).ravel().tolist()]
    return {
        'name': case['name'],
        'op': case['op'],
        'dtype': dtype,
        'input': {'shape': list(x.shape), 'data': enc_array(x, dtype)},
        'options': opts,
        'expected': expected,
        'source': source,
    }


# ----------------------------------------------------------------------------------------------
# The cases
# ----------------------------------------------------------------------------------------------

WORKED_5x5 = [[1, 2, 0, 3, 1], [0, 1, 2, 3, 1], [1, 2, 1, 0, 0], [5, 2, 3, 1, 1], [2, 1, 0, 1, 1]]
RAMP_4x4x2 = [[[c * 16 + r * 4 + w for w in range(4)] for r in range(4)] for c in range(2)]

# Geometry configurations shared by max and avg (dilation 1): (desc, nd, spatial, options)
GEOMETRIES = [
    ('k2', 1, [8], {'kernelSize': 2}),
    ('k3 s2', 1, [9], {'kernelSize': 3, 'stride': 2}),
    ('k3 s1 p1', 1, [7], {'kernelSize': 3, 'stride': 1, 'padding': 1}),
    ('k1', 1, [5], {'kernelSize': 1}),
    ('kernel = input', 1, [6], {'kernelSize': 6}),
    ('stride > kernel', 1, [11], {'kernelSize': 2, 'stride': 3}),
    ('ceil last window partial', 1, [6], {'kernelSize': 3, 'stride': 2, 'ceilMode': True}),
    ('ceil last window dropped', 1, [5], {'kernelSize': 2, 'stride': 2, 'padding': 1, 'ceilMode': True}),
    ('ceil stride > kernel partial', 1, [10], {'kernelSize': 2, 'stride': 3, 'ceilMode': True}),
    ('ceil stride > kernel dropped', 1, [9], {'kernelSize': 2, 'stride': 4, 'padding': 1, 'ceilMode': True}),
    ('padding = k//2', 1, [7], {'kernelSize': 5, 'stride': 2, 'padding': 2}),
    ('padding = k//2 even kernel ceil', 1, [9], {'kernelSize': 4, 'stride': 3, 'padding': 2, 'ceilMode': True}),
    ('valid', 1, [7], {'kernelSize': 3, 'stride': 2, 'padding': 'valid'}),
    ('list options', 1, [8], {'kernelSize': [3], 'stride': [2], 'padding': [1], 'dilation': [1]}),
    ('k2', 2, [4, 6], {'kernelSize': 2}),
    ('k3 s2 p1', 2, [7, 7], {'kernelSize': 3, 'stride': 2, 'padding': 1}),
    ('k3 s1 p1', 2, [5, 6], {'kernelSize': 3, 'stride': 1, 'padding': 1}),
    ('non-square kernel and stride', 2, [7, 9], {'kernelSize': [2, 3], 'stride': [1, 2]}),
    ('per-dim padding', 2, [6, 7], {'kernelSize': [3, 4], 'stride': [2, 1], 'padding': [0, 2]}),
    ('k1', 2, [3, 4], {'kernelSize': 1}),
    ('k1 s2', 2, [5, 4], {'kernelSize': 1, 'stride': 2}),
    ('kernel = input', 2, [5, 4], {'kernelSize': [5, 4]}),
    ('stride > kernel', 2, [9, 10], {'kernelSize': 2, 'stride': [3, 4]}),
    ('ceil last window partial', 2, [6, 7], {'kernelSize': 3, 'stride': 2, 'ceilMode': True}),
    ('ceil last window dropped', 2, [5, 5], {'kernelSize': 2, 'stride': 2, 'padding': 1, 'ceilMode': True}),
    ('ceil stride > kernel', 2, [10, 9], {'kernelSize': 2, 'stride': [3, 4], 'padding': [0, 1], 'ceilMode': True}),
    ('padding = k//2 ceil', 2, [7, 6], {'kernelSize': [5, 4], 'stride': [2, 3], 'padding': [2, 2], 'ceilMode': True}),
    ('valid', 2, [6, 5], {'kernelSize': [3, 2], 'stride': [2, 1], 'padding': 'valid'}),
    ('explicit defaults', 2, [4, 4], {'kernelSize': 2, 'stride': 2, 'padding': 0, 'dilation': 1, 'ceilMode': False}),
    ('k2', 3, [4, 4, 4], {'kernelSize': 2}),
    ('k3 s2 p1', 3, [5, 6, 7], {'kernelSize': 3, 'stride': 2, 'padding': 1}),
    ('non-cubic', 3, [4, 5, 6], {'kernelSize': [1, 2, 3], 'stride': [1, 2, 2], 'padding': [0, 1, 1]}),
    ('ceil last window partial', 3, [5, 5, 6], {'kernelSize': 2, 'stride': 2, 'ceilMode': True}),
    ('ceil last window dropped', 3, [5, 3, 4], {'kernelSize': 2, 'stride': 2, 'padding': 1, 'ceilMode': True}),
    ('kernel = input', 3, [3, 4, 2], {'kernelSize': [3, 4, 2]}),
    ('stride > kernel', 3, [7, 7, 7], {'kernelSize': 2, 'stride': 3}),
    ('k1 s2', 3, [3, 4, 5], {'kernelSize': 1, 'stride': 2}),
    ('padding = k//2 ceil', 3, [4, 5, 5], {'kernelSize': [3, 2, 4], 'stride': [2, 2, 3], 'padding': [1, 1, 2], 'ceilMode': True}),
]

# 'same' padding configurations: (desc, nd, spatial, options)
SAME_GEOMETRIES = [
    ('same k3 s1', 1, [7], {'kernelSize': 3, 'stride': 1, 'padding': 'same'}),
    ('same k3 s2', 1, [8], {'kernelSize': 3, 'stride': 2, 'padding': 'same'}),
    ('same k3 s3', 1, [8], {'kernelSize': 3, 'stride': 3, 'padding': 'same'}),
    ('same k4 s1', 1, [7], {'kernelSize': 4, 'stride': 1, 'padding': 'same'}),
    ('same k4 s2', 1, [7], {'kernelSize': 4, 'stride': 2, 'padding': 'same'}),
    ('same k4 s3', 1, [10], {'kernelSize': 4, 'stride': 3, 'padding': 'same'}),
    ('same k2 s3 no padding needed', 1, [9], {'kernelSize': 2, 'stride': 3, 'padding': 'same'}),
    ('same k3 d2 s1', 1, [7], {'kernelSize': 3, 'stride': 1, 'dilation': 2, 'padding': 'same'}),
    ('same k2 d3 s2', 1, [8], {'kernelSize': 2, 'stride': 2, 'dilation': 3, 'padding': 'same'}),
    ('same k[3,2] s[2,3]', 2, [6, 7], {'kernelSize': [3, 2], 'stride': [2, 3], 'padding': 'same'}),
    ('same k[4,5] s1', 2, [5, 6], {'kernelSize': [4, 5], 'stride': 1, 'padding': 'same'}),
    ('same k3 s2 d[1,2]', 2, [7, 8], {'kernelSize': 3, 'stride': 2, 'dilation': [1, 2], 'padding': 'same'}),
    ('same k3 s2', 3, [4, 5, 6], {'kernelSize': 3, 'stride': 2, 'padding': 'same'}),
    ('same k[2,3,4] s[1,2,3] ceil', 3, [4, 5, 7], {'kernelSize': [2, 3, 4], 'stride': [1, 2, 3], 'padding': 'same', 'ceilMode': True}),
]

# asymmetric [begin, end] padding configurations
PAIR_GEOMETRIES = [
    ('pads [[1,0]]', 1, [6], {'kernelSize': 2, 'stride': 2, 'padding': [[1, 0]]}),
    ('pads [[0,1]] ceil', 1, [7], {'kernelSize': 3, 'stride': 2, 'padding': [[0, 1]], 'ceilMode': True}),
    ('pads [[2,1]] s1', 1, [6], {'kernelSize': 5, 'stride': 1, 'padding': [[2, 1]]}),
    ('pads [[1,1]] as pair', 1, [6], {'kernelSize': 3, 'stride': 2, 'padding': [[1, 1]]}),
    ('pads [[1,0],[0,2]]', 2, [5, 6], {'kernelSize': [2, 4], 'stride': [2, 2], 'padding': [[1, 0], [0, 2]]}),
    ('pads [[0,1],[1,0]] ceil', 2, [6, 5], {'kernelSize': 3, 'stride': 2, 'padding': [[0, 1], [1, 0]], 'ceilMode': True}),
    ('pads [[0,1],[1,1],[1,0]]', 3, [4, 5, 4], {'kernelSize': 2, 'stride': [2, 2, 1], 'padding': [[0, 1], [1, 1], [1, 0]]}),
    ('pads [[1,0],[0,0],[0,1]] ceil', 3, [5, 4, 5], {'kernelSize': [2, 3, 3], 'stride': 2, 'padding': [[1, 0], [0, 0], [0, 1]], 'ceilMode': True}),
]

# dilation configurations
DILATION_GEOMETRIES = [
    ('d2 k3', 1, [10], {'kernelSize': 3, 'stride': 1, 'dilation': 2}),
    ('d3 k2 p1 ceil', 1, [9], {'kernelSize': 2, 'stride': 2, 'dilation': 3, 'padding': 1, 'ceilMode': True}),
    ('d2 k3 p1 s2 ceil', 1, [10], {'kernelSize': 3, 'stride': 2, 'dilation': 2, 'padding': 1, 'ceilMode': True}),
    ('d[2,3] k[2,3] p1', 2, [7, 9], {'kernelSize': [2, 3], 'stride': 1, 'dilation': [2, 3], 'padding': 1}),
    ('d2 k3 s2 p1 ceil', 2, [8, 8], {'kernelSize': 3, 'stride': 2, 'dilation': 2, 'padding': 1, 'ceilMode': True}),
    ('d3 k2 s1', 2, [6, 7], {'kernelSize': 2, 'stride': 1, 'dilation': 3}),
    ('d2 k2 p1', 3, [5, 5, 5], {'kernelSize': 2, 'stride': 1, 'dilation': 2, 'padding': 1}),
    ('d[1,2,3] k2 s[1,2,1] p[1,0,1] ceil', 3, [4, 6, 7], {'kernelSize': 2, 'stride': [1, 2, 1], 'dilation': [1, 2, 3], 'padding': [1, 0, 1], 'ceilMode': True}),
]

# windows with no real tap (large dilation)
EMPTY_WINDOW_GEOMETRIES = [
    ('empty window in3 k2 d4 p1', 1, [3], {'kernelSize': 2, 'dilation': 4, 'padding': 1}),
    ('empty window in2 k2 d3 p1 s1', 1, [2], {'kernelSize': 2, 'stride': 1, 'dilation': 3, 'padding': 1}),
    ('empty window k2 d4 p1', 2, [3, 3], {'kernelSize': 2, 'dilation': 4, 'padding': 1}),
    ('empty rows k2 d[4,1] p[1,0]', 2, [3, 4], {'kernelSize': 2, 'stride': 1, 'dilation': [4, 1], 'padding': [1, 0]}),
    ('empty window k2 d4 p1', 3, [3, 3, 3], {'kernelSize': 2, 'dilation': 4, 'padding': 1}),
    ('empty window in 1 dim k2 d[1,4,1] p1', 3, [2, 3, 2], {'kernelSize': 2, 'stride': 1, 'dilation': [1, 4, 1], 'padding': 1}),
    ('same with empty middle window in3 k2 d4 s1', 1, [3], {'kernelSize': 2, 'stride': 1, 'dilation': 4, 'padding': 'same'}),
    ('pairs with empty window', 2, [3, 4], {'kernelSize': 2, 'stride': [1, 2], 'dilation': [4, 1], 'padding': [[1, 1], [1, 0]]}),
]

CL_CHANNELS = [1, 3, 5, 17]


def build_common(suite, kind):
    """Geometry sweep: each config in float32 and float64, rotating layouts."""
    for i, (desc, nd, sp, opts) in enumerate(GEOMETRIES):
        lay32 = LAYOUT_ORDER[i % 4]
        lay64 = LAYOUT_ORDER[(i + 1) % 4]
        vals = 'grid' if kind == 'max' else 'normal'
        pads = opts.get('padding', 0) not in (0, 'valid', [0], [0, 0], [0, 0, 0])
        if kind == 'max':
            suite.add(desc, nd, sp, opts, 'Float32Array', lay32, vals, returnIndices=(i % 5 != 4))
            suite.add(desc, nd, sp, opts, 'Float64Array', lay64, 'normal', returnIndices=(i % 5 != 3))
        else:
            suite.add(desc, nd, sp, opts, 'Float32Array', lay32, vals)
            if i % 3 != 2:
                suite.add(desc, nd, sp, opts, 'Float64Array', lay64, 'grid')
            if pads or opts.get('ceilMode'):
                o = dict(opts, countIncludePad=False)
                if i % 3 != 1:
                    suite.add(desc + ' countIncludePad false', nd, sp, o, 'Float32Array', lay64, 'normal')
                else:
                    suite.add(desc + ' countIncludePad false', nd, sp, o, 'Float64Array', lay32, 'normal')
                if i % 4 == 0:
                    o = dict(opts, countIncludePad=True)
                    suite.add(desc + ' countIncludePad true explicit', nd, sp, o, 'Float32Array', 'cf1', 'grid')


def build_same_and_pairs(suite, kind):
    for i, (desc, nd, sp, opts) in enumerate(SAME_GEOMETRIES + PAIR_GEOMETRIES):
        if opts.get('dilation', 1) != 1:
            continue  # dilated 'same' configurations are handled in build_dilation
        lay = LAYOUT_ORDER[i % 4]
        suite.add(desc, nd, sp, opts, 'Float32Array', lay, 'normal')
        if kind == 'max' or i % 2 == 0:
            suite.add(desc, nd, sp, opts, 'Float64Array', LAYOUT_ORDER[(i + 2) % 4], 'grid')
        if kind == 'avg':
            suite.add_with_option('countIncludePad', False, desc, nd, sp, opts, 'Float32Array', LAYOUT_ORDER[(i + 1) % 4], 'grid')
            if i % 3 == 0:
                suite.add_with_option('divisorOverride', 3, desc, nd, sp, opts, 'Float64Array', LAYOUT_ORDER[(i + 3) % 4], 'normal')
        # integers too, one dtype per config
        idt = INT_DTYPES[i % len(INT_DTYPES)]
        if kind == 'max' or i % 2 == 1:
            suite.add(desc, nd, sp, opts, idt, LAYOUT_ORDER[(i + 3) % 4], 'full')


def add_max_in_three_types(suite, i, desc, nd, sp, opts, float64_values):
    """A max case as float32 grid values, float64 ones and full-range integers, each in the next layout."""
    suite.add(desc, nd, sp, opts, 'Float32Array', LAYOUT_ORDER[i % 4], 'grid')
    suite.add(desc, nd, sp, opts, 'Float64Array', LAYOUT_ORDER[(i + 1) % 4], float64_values)
    suite.add(desc, nd, sp, opts, INT_DTYPES[i % len(INT_DTYPES)], LAYOUT_ORDER[(i + 2) % 4], 'full')


def build_dilation(suite, kind):
    geoms = DILATION_GEOMETRIES + [g for g in SAME_GEOMETRIES if g[3].get('dilation', 1) != 1]
    add_dilated(suite, kind, geoms, empty_windows=False)
    add_dilated(suite, kind, EMPTY_WINDOW_GEOMETRIES, empty_windows=True)


def add_dilated(suite, kind, geoms, empty_windows):
    """Dilated windows in every type and layout; windows that may hold no real tap get negative
    float64 values (max) and an integer divisorOverride (avg)."""
    for i, (desc, nd, sp, opts) in enumerate(geoms):
        if kind == 'max':
            add_max_in_three_types(suite, i, desc, nd, sp, opts, 'negative' if empty_windows else 'normal')
            continue
        suite.add(desc, nd, sp, opts, 'Float32Array', LAYOUT_ORDER[i % 4], 'grid' if empty_windows else 'normal')
        suite.add_with_option('countIncludePad', False, desc, nd, sp, opts,
                              'Float64Array', LAYOUT_ORDER[(i + 1) % 4], 'grid')
        integers = INT_DTYPES[i % len(INT_DTYPES)]
        if empty_windows:
            if i % 2 == 0:
                suite.add_with_option('divisorOverride', 2, desc, nd, sp, opts, integers, LAYOUT_ORDER[(i + 2) % 4], 'full')
        else:
            suite.add(desc, nd, sp, opts, integers, LAYOUT_ORDER[(i + 2) % 4], 'full')
            if i % 2 == 0:
                suite.add_with_option('divisorOverride', 2, desc, nd, sp, opts,
                                      'Float32Array', LAYOUT_ORDER[(i + 3) % 4], 'grid')


def build_worked(suite, kind):
    data = [[WORKED_5x5]]
    if kind == 'max':
        for dt in ('Float32Array', 'Float64Array', 'Int32Array', 'Uint8Array'):
            suite.add('worked example 5x5 k3 ceilMode true', 2, [5, 5], {'kernelSize': 3, 'ceilMode': True},
                      dt, 'cf1', data=data)
            suite.add('worked example 5x5 k3 ceilMode false', 2, [5, 5], {'kernelSize': 3, 'ceilMode': False},
                      dt, 'cf1', data=data, returnIndices=(dt != 'Uint8Array'))
        suite.add('ramp 4x4 k2', 2, [4, 4], {'kernelSize': 2}, 'Float32Array', (True, 1, 2, False), data=[RAMP_4x4x2])
        suite.add('ramp 4x4 k2 s1', 2, [4, 4], {'kernelSize': 2, 'stride': 1}, 'Float32Array', (True, 1, 2, False),
                  data=[RAMP_4x4x2])
        suite.add('ramp 4x4 k2', 2, [4, 4], {'kernelSize': 2}, 'Int16Array', (True, 1, 2, False), data=[RAMP_4x4x2])
        suite.add('ramp 4x4 k2 s1', 2, [4, 4], {'kernelSize': 2, 'stride': 1}, 'Float64Array',
                  (True, 1, 2, True), data=[RAMP_4x4x2])
    else:
        for dt in ('Float32Array', 'Float64Array', 'Int32Array', 'Uint8Array'):
            suite.add('worked example 5x5 k3 ceilMode true', 2, [5, 5], {'kernelSize': 3, 'ceilMode': True},
                      dt, 'cf1', data=data)
            suite.add('worked example 5x5 k3 ceilMode false', 2, [5, 5], {'kernelSize': 3, 'ceilMode': False},
                      dt, 'cf1', data=data)
        for dt in ('Float32Array', 'Float64Array', 'Int16Array'):
            suite.add('ramp 4x4 k2 s1 p1', 2, [4, 4], {'kernelSize': 2, 'stride': 1, 'padding': 1}, dt,
                      (True, 1, 2, False), data=[RAMP_4x4x2])
            suite.add('ramp 4x4 k4', 2, [4, 4], {'kernelSize': 4}, dt, (True, 1, 2, False), data=[RAMP_4x4x2])
        suite.add('ramp 4x4 k2 s1 p1 countIncludePad false', 2, [4, 4],
                  {'kernelSize': 2, 'stride': 1, 'padding': 1, 'countIncludePad': False}, 'Float32Array',
                  (True, 1, 2, True), data=[RAMP_4x4x2])


def build_values_max(suite):
    inf, nan = math.inf, math.nan
    for dt in FLOAT_DTYPES:
        # ties
        suite.add('ties all equal k3 s1 p1', 2, [4, 5], {'kernelSize': 3, 'stride': 1, 'padding': 1}, dt, 'cf', 'const')
        suite.add('ties 0/1 values k3 s2 ceil', 2, [7, 7], {'kernelSize': 3, 'stride': 2, 'ceilMode': True}, dt, 'cl', 'ties')
        suite.add('ties 0/1 values k2 s1', 3, [3, 4, 4], {'kernelSize': 2, 'stride': 1}, dt, 'ucf', 'ties')
        suite.add('ties 0/1 values k4 s1 p2', 1, [12], {'kernelSize': 4, 'stride': 1, 'padding': 2}, dt, 'ucl', 'ties')
        # negatives: padding must never win
        suite.add('all negative k3 s1 p1', 2, [5, 5], {'kernelSize': 3, 'stride': 1, 'padding': 1}, dt, 'cf', 'negative')
        suite.add('all negative k2 p1 ceil', 3, [3, 4, 5], {'kernelSize': 2, 'padding': 1, 'ceilMode': True}, dt, 'ucl', 'negative')
        suite.add('all negative k3 d2 p1', 1, [9], {'kernelSize': 3, 'stride': 1, 'dilation': 2, 'padding': 1}, dt, 'cl', 'negative')
        # special values sprinkled
        suite.add('NaN Infinity -0 mix k3 s1 p1', 2, [6, 6], {'kernelSize': 3, 'stride': 1, 'padding': 1}, dt, 'cf', 'special')
        suite.add('NaN Infinity -0 mix k2 s1', 3, [4, 4, 4], {'kernelSize': 2, 'stride': 1}, dt, 'cl', 'special')
        suite.add('NaN Infinity -0 mix k3 d2 ceil', 1, [13], {'kernelSize': 3, 'stride': 2, 'dilation': 2, 'ceilMode': True}, dt, 'ucf', 'special')
    # -Infinity windows
    ninf_plane = [[-inf] * 4 for _ in range(4)]
    ninf_plane[3][3] = 1.0
    for dt in FLOAT_DTYPES:
        suite.add('all -Infinity windows k2 s1 p1', 2, [4, 4], {'kernelSize': 2, 'stride': 1, 'padding': 1}, dt,
                  'cf1', data=[[ninf_plane]])
        suite.add('all -Infinity windows k3 s2 p1', 1, [5], {'kernelSize': 3, 'stride': 2, 'padding': 1}, dt,
                  'cf1', data=[[[-inf, -inf, -inf, 2.0, -inf]]])
    cube = np.full((3, 3, 3), -inf)
    cube[2, 2, 2] = 0.5
    cube[0, 1, 2] = -1e30
    suite.add('all -Infinity windows k2 s1 p1', 3, [3, 3, 3], {'kernelSize': 2, 'stride': 1, 'padding': 1},
              'Float32Array', 'cf1', data=[[cube]])
    suite.add('all -Infinity windows k2 s2 p1 ceil', 3, [3, 3, 3], {'kernelSize': 2, 'padding': 1, 'ceilMode': True},
              'Float64Array', 'cl1', data=[[cube]])
    suite.add('all -Infinity input k3 d2 p1', 3, [4, 4, 4], {'kernelSize': 3, 'stride': 1, 'dilation': 2, 'padding': 1},
              'Float32Array', 'cf1', data=[[np.full((4, 4, 4), -inf)]])
    suite.add('all -Infinity input k2 p1', 2, [3, 3], {'kernelSize': 2, 'padding': 1}, 'Float64Array', 'cf1',
              data=[[np.full((3, 3), -inf)]])
    # NaN placement
    for dt in FLOAT_DTYPES:
        suite.add('single NaN in window', 1, [6], {'kernelSize': 3, 'stride': 3}, dt, 'cf1',
                  data=[[[1.0, nan, 5.0, 2.0, 3.0, 4.0]]])
        suite.add('two NaNs in one window index is last NaN', 1, [8], {'kernelSize': 4, 'stride': 4}, dt, 'cf1',
                  data=[[[nan, 9.0, nan, 1.0, 2.0, nan, inf, nan]]])
        suite.add('two NaNs in one window index is last NaN', 2, [4, 4], {'kernelSize': 2, 'stride': 2}, dt, 'cf1',
                  data=[[[[nan, 1.0, 0.0, nan], [2.0, nan, nan, 3.0], [-inf, -inf, 7.0, 8.0], [nan, -inf, 9.0, nan]]]])
        suite.add('NaN with padding overlapping windows', 2, [4, 4], {'kernelSize': 3, 'stride': 1, 'padding': 1}, dt,
                  'cl1', data=[[[[1.0, 2.0, 3.0, 4.0], [5.0, nan, 7.0, 8.0], [9.0, 10.0, 11.0, nan], [13.0, 14.0, 15.0, 16.0]]]])
    nan_cube = np.arange(27, dtype=np.float64).reshape(3, 3, 3)
    nan_cube[0, 0, 1] = nan
    nan_cube[1, 1, 0] = nan
    nan_cube[2, 2, 2] = nan
    suite.add('NaNs k2 s1', 3, [3, 3, 3], {'kernelSize': 2, 'stride': 1}, 'Float32Array', 'cf1', data=[[nan_cube]])
    suite.add('NaNs k2 s1 d2 p1', 3, [3, 3, 3], {'kernelSize': 2, 'stride': 1, 'dilation': 2, 'padding': 1},
              'Float64Array', 'cl1', data=[[nan_cube]])
    # -0 / +0
    for dt in FLOAT_DTYPES:
        suite.add('-0 then +0 keeps -0, +0 then -0 keeps +0', 1, [8], {'kernelSize': 2}, dt, 'cf1',
                  data=[[[-0.0, 0.0, 0.0, -0.0, -0.0, -0.0, -1.0, -0.0]]])
        suite.add('-0 and +0 k2 s1 p1', 2, [3, 3], {'kernelSize': 2, 'stride': 1, 'padding': 1}, dt, 'cf1',
                  data=[[[[-0.0, 0.0, -0.0], [0.0, -0.0, -0.0], [-0.0, -0.0, -1.0]]]])
    # Infinity
    suite.add('+Infinity wins', 2, [4, 4], {'kernelSize': 2, 'stride': 1}, 'Float32Array', 'cf1',
              data=[[[[1.0, inf, 3.0, 4.0], [inf, 1e38, -inf, 4.0], [0.0, 0.0, 3.4e38, 1.0], [-1e38, 0.0, 0.0, inf]]]])


def build_values_avg(suite):
    inf, nan = math.inf, math.nan
    for dt in FLOAT_DTYPES:
        suite.add('large magnitudes k3 s1', 2, [8, 8], {'kernelSize': 3, 'stride': 1}, dt, 'cf1', 'large')
        suite.add('large magnitudes k5 s2 p2 countIncludePad false', 1, [40], {'kernelSize': 5, 'stride': 2, 'padding': 2, 'countIncludePad': False}, dt, 'cl', 'large')
        suite.add('large magnitudes k3 s1 p1', 3, [5, 5, 5], {'kernelSize': 3, 'stride': 1, 'padding': 1}, dt, 'cf1', 'large')
        suite.add('large magnitudes k[4,3] s1 divisorOverride 7', 2, [7, 6], {'kernelSize': [4, 3], 'stride': 1, 'divisorOverride': 7}, dt, 'ucl', 'large')
        suite.add('NaN Infinity -0 mix k3 s1 p1', 2, [6, 6], {'kernelSize': 3, 'stride': 1, 'padding': 1}, dt, 'cf', 'special')
        suite.add('NaN Infinity -0 mix k2 s1', 3, [4, 4, 4], {'kernelSize': 2, 'stride': 1}, dt, 'cl', 'special')
        suite.add('NaN Infinity -0 mix k2 s1 ceil countIncludePad false', 1, [11], {'kernelSize': 2, 'stride': 2, 'ceilMode': True, 'countIncludePad': False}, dt, 'ucf', 'special')
        suite.add('Infinity and -Infinity make NaN', 1, [8], {'kernelSize': 2}, dt, 'cf1',
                  data=[[[inf, -inf, inf, 1.0, -inf, -inf, nan, inf]]])
        suite.add('-0 only windows give +0', 2, [4, 4], {'kernelSize': 2, 'stride': 1, 'padding': 1}, dt, 'cf1',
                  data=[[np.full((4, 4), -0.0)]])
        suite.add('negative values k3 s2 p1 countIncludePad false', 2, [5, 6], {'kernelSize': 3, 'stride': 2, 'padding': 1, 'countIncludePad': False}, dt, 'cl', 'negative')
    suite.add('float32 overflow to Infinity', 1, [4], {'kernelSize': 2}, 'Float32Array', 'cf1',
              data=[[[3e38, 3e38, -3e38, -3e38]]])
    suite.add('divisorOverride 1 no padding', 2, [4, 6], {'kernelSize': 2, 'divisorOverride': 1}, 'Float32Array', 'cf', 'normal')
    suite.add('divisorOverride 5 with padding ceil', 2, [5, 7], {'kernelSize': 3, 'stride': 2, 'padding': 1, 'ceilMode': True, 'divisorOverride': 5}, 'Float64Array', 'cl', 'normal')
    suite.add('divisorOverride 3 1d', 1, [9], {'kernelSize': 3, 'stride': 2, 'padding': 1, 'divisorOverride': 3}, 'Float32Array', 'ucf', 'grid')
    suite.add('divisorOverride 3 1d', 1, [9], {'kernelSize': 3, 'stride': 2, 'padding': 1, 'divisorOverride': 3}, 'Float64Array', 'ucl', 'normal')
    suite.add('divisorOverride 9 countIncludePad false', 3, [4, 4, 5], {'kernelSize': 2, 'stride': 1, 'padding': 1, 'countIncludePad': False, 'divisorOverride': 9}, 'Float32Array', 'ucf', 'normal')
    suite.add('divisorOverride 2 3d', 3, [3, 4, 5], {'kernelSize': [1, 2, 3], 'stride': [1, 2, 2], 'divisorOverride': 2}, 'Float64Array', 'cf', 'grid')


def build_integers_max(suite):
    for i, dt in enumerate(INT_DTYPES):
        suite.add('full range k3 s2 p1 ceil', 2, [7, 7], {'kernelSize': 3, 'stride': 2, 'padding': 1, 'ceilMode': True}, dt, 'cf', 'full')
        suite.add('full range k2 s1 p1', 1, [16], {'kernelSize': 2, 'stride': 1, 'padding': 1}, dt, 'ucl', 'full')
        suite.add('full range k2 s1', 3, [3, 4, 4], {'kernelSize': 2, 'stride': 1}, dt, 'cl', 'full')
        suite.add('type minimum with padding k3 s1 p1', 2, [4, 4], {'kernelSize': 3, 'stride': 1, 'padding': 1}, dt, 'cf1', 'low')
        suite.add('extremes k[2,3] s1 p1', 2, [5, 5], {'kernelSize': [2, 3], 'stride': 1, 'padding': 1}, dt, 'ucf', 'extremes',
                  returnIndices=(i % 2 == 0))
        suite.add('ties k3 s1 p1', 2, [5, 5], {'kernelSize': 3, 'stride': 1, 'padding': 1}, dt, 'cf1', 'ties')
    suite.add('near max', 1, [12], {'kernelSize': 3, 'stride': 2, 'padding': 1}, 'Uint32Array', 'cf1', 'high')
    suite.add('near +-2^31', 1, [12], {'kernelSize': 3, 'stride': 2, 'padding': 1}, 'Int32Array', 'cf1', 'extremes')


def build_integers_avg(suite):
    # rounding ties: pairs whose sums are odd (x.5), for k2 (divisor 2) and k2x2 (divisor 4)
    pair_data_signed = [[[2, 3, -2, -3, 1, 0, -1, 0, 5, 0, -5, 0, 7, 8, -7, -8, 1, 2, -1, -2]]]
    pair_data_unsigned = [[[2, 3, 1, 0, 5, 0, 7, 8, 1, 2, 0, 1, 250, 251, 254, 255, 0, 0, 3, 4]]]
    quad_signed = [[[[1, 1, 2, 3, -1, -1, -2, -3, 5, 5, 3, 2],
                     [0, 0, 2, 3, 0, 0, -2, -3, 0, 0, 1, 1],
                     [1, 0, -1, 0, 2, 1, -2, -1, 4, 4, -4, -4],
                     [0, 0, 0, 0, 0, 0, 0, 0, 2, 0, -2, 0]]]]
    quad_unsigned = [[[[1, 1, 2, 3, 2, 1, 5, 5, 3, 2, 0, 0],
                       [0, 0, 2, 3, 3, 0, 0, 0, 1, 1, 0, 1],
                       [1, 0, 2, 1, 4, 4, 6, 6, 1, 1, 0, 0],
                       [0, 0, 0, 0, 2, 0, 1, 0, 0, 0, 0, 1]]]]
    thirds_signed = [[[1, 0, 0, 2, 0, 0, -1, 0, 0, -2, 0, 0, 4, 0, 0, 5, 0, 0, -4, 0, 0, -5, 0, 0]]]
    thirds_unsigned = [[[1, 0, 0, 2, 0, 0, 4, 0, 0, 5, 0, 0, 7, 0, 0, 8, 0, 0, 3, 0, 0, 6, 0, 0]]]
    for i, dt in enumerate(INT_DTYPES):
        lo, hi = int_range(dt)
        signed = lo < 0
        suite.add('full range k3 s2 p1 ceil', 2, [7, 7], {'kernelSize': 3, 'stride': 2, 'padding': 1, 'ceilMode': True}, dt, 'cf', 'full')
        suite.add('full range k3 s2 p1 countIncludePad false', 2, [6, 7], {'kernelSize': 3, 'stride': 2, 'padding': 1, 'countIncludePad': False}, dt, 'cl', 'full')
        if i % 2 == 0:
            suite.add('full range k2 s1', 3, [3, 4, 4], {'kernelSize': 2, 'stride': 1}, dt, 'ucl', 'full')
        else:
            suite.add('full range k4 s3 p2', 1, [17], {'kernelSize': 4, 'stride': 3, 'padding': 2}, dt, 'ucf', 'full')
        suite.add('rounding ties k2 divisor 2', 1, [20], {'kernelSize': 2}, dt, 'cf1',
                  data=pair_data_signed if signed else pair_data_unsigned)
        suite.add('rounding ties k2 divisor 4', 2, [4, 12], {'kernelSize': 2}, dt, 'cf1',
                  data=quad_signed if signed else quad_unsigned)
        suite.add('rounding thirds k3', 1, [24], {'kernelSize': 3}, dt, 'cl1',
                  data=thirds_signed if signed else thirds_unsigned)
        suite.add('divisorOverride 1 clamps high', 2, [4, 4], {'kernelSize': 2, 'divisorOverride': 1}, dt, 'cf1', 'high')
        suite.add('divisorOverride 1 clamps', 2, [4, 6], {'kernelSize': 2, 'stride': 1, 'padding': 1, 'divisorOverride': 1}, dt, 'cl', 'extremes')
        if signed:
            suite.add('divisorOverride 1 clamps low', 2, [4, 4], {'kernelSize': 2, 'divisorOverride': 1}, dt, 'cf1', 'low')
        if i % 2 == 0:
            suite.add('divisorOverride 3 k3 s1 p1 countIncludePad false', 2, [4, 5], {'kernelSize': 3, 'stride': 1, 'padding': 1, 'countIncludePad': False, 'divisorOverride': 3}, dt, 'ucf', 'grid')
        else:
            suite.add('ties values k3 s1 p1 countIncludePad false', 1, [10], {'kernelSize': 3, 'stride': 1, 'padding': 1, 'countIncludePad': False}, dt, 'cf', 'ties')
        suite.add('extremes k2 s1 p1', 3, [3, 3, 3], {'kernelSize': 2, 'stride': 1, 'padding': 1}, dt, 'cf1', 'extremes')
    suite.add('near max', 1, [12], {'kernelSize': 3, 'stride': 2, 'padding': 1, 'countIncludePad': False}, 'Uint32Array', 'cf1', 'high')
    suite.add('near max divisorOverride 2', 1, [12], {'kernelSize': 3, 'stride': 2, 'padding': 1, 'divisorOverride': 2}, 'Uint32Array', 'cf1', 'high')
    suite.add('near +-2^31', 2, [4, 6], {'kernelSize': [2, 3], 'stride': 1}, 'Int32Array', 'cf1', 'extremes')
    suite.add('near -2^31 divisorOverride 2', 1, [12], {'kernelSize': 3, 'stride': 2, 'padding': 1, 'divisorOverride': 2}, 'Int32Array', 'cf1', 'low')


def build_shapes(suite, kind):
    # empty batch / empty channels
    for nd, sp in ((1, [5]), (2, [4, 5]), (3, [3, 4, 3])):
        opts = {'kernelSize': 2, 'stride': 1, 'padding': 1}
        suite.add('empty batch N=0', nd, sp, opts, 'Float32Array', (True, 0, 3, False))
        suite.add('empty batch N=0', nd, sp, opts, 'Float64Array', (True, 0, 2, True))
        suite.add('empty channels C=0', nd, sp, opts, 'Float32Array', (True, 2, 0, False))
        suite.add('empty channels C=0', nd, sp, opts, INT_DTYPES[nd], (True, 2, 0, True))
        suite.add('unbatched empty channels C=0', nd, sp, opts, 'Float64Array', (False, 1, 0, nd % 2 == 1))
    # channels-last with various C
    extra = {'countIncludePad': False} if kind == 'avg' else {}
    for c in CL_CHANNELS:
        suite.add('channelsLast k3 s2 p1', 2, [5, 6], dict({'kernelSize': 3, 'stride': 2, 'padding': 1}, **extra),
                  'Float32Array', (True, 2, c, True), 'normal')
        suite.add('channelsLast k2 s1', 1, [7], {'kernelSize': 2, 'stride': 1}, 'Float64Array', (False, 1, c, True), 'grid')
        suite.add('channelsLast k2 p1 ceil', 3, [3, 4, 3], {'kernelSize': 2, 'padding': 1, 'ceilMode': True},
                  INT_DTYPES[c % len(INT_DTYPES)], (True, 1, c, True), 'full')
    suite.add('channelsLast false explicit', 2, [4, 4], {'kernelSize': 2, 'channelsLast': False}, 'Float32Array', 'cf', 'grid')
    suite.add('channelsLast RGB image 8x8', 2, [8, 8], {'kernelSize': 2}, 'Uint8ClampedArray', (False, 1, 3, True), 'full')
    # larger tensors
    suite.add('larger k3 s2 p1', 2, [16, 16], {'kernelSize': 3, 'stride': 2, 'padding': 1}, 'Float32Array', (True, 2, 3, False), 'normal')
    suite.add('larger k3 s2 p1', 2, [16, 16], {'kernelSize': 3, 'stride': 2, 'padding': 1}, 'Float32Array', (True, 2, 3, True), 'normal')
    suite.add('larger k3 s1 p1', 3, [8, 8, 8], {'kernelSize': 3, 'stride': 1, 'padding': 1}, 'Float64Array', (True, 1, 3, True), 'grid')
    suite.add('larger k5 s2 p2 ceil', 1, [100], {'kernelSize': 5, 'stride': 2, 'padding': 2, 'ceilMode': True}, 'Int16Array', (True, 2, 8, False), 'full')
    suite.add('larger k[2,3] s[2,1] p[1,1]', 2, [12, 20], {'kernelSize': [2, 3], 'stride': [2, 1], 'padding': [1, 1]}, 'Uint8Array', (True, 1, 8, True), 'full')


def build_suite(kind):
    suite = Suite(kind)
    build_worked(suite, kind)
    build_common(suite, kind)
    build_same_and_pairs(suite, kind)
    build_dilation(suite, kind)
    if kind == 'max':
        build_values_max(suite)
        build_integers_max(suite)
    else:
        build_values_avg(suite)
        build_integers_avg(suite)
    build_shapes(suite, kind)
    return suite


# ----------------------------------------------------------------------------------------------
# Self-checks on the finished cases
# ----------------------------------------------------------------------------------------------

def check_worked_examples(cases):
    by = {c['name']: c for c in cases}

    def expect(name, data, shape, indices=None):
        c = by[name]
        got = [dec_float(v) for v in c['expected']['data']]
        if c['expected']['shape'] != shape or got != [float(v) for v in data]:
            fail(f'worked example {name!r}: got {c["expected"]}, want {data} {shape}')
        if indices is not None and c['expected'].get('indices') != indices:
            fail(f'worked example {name!r}: indices {c["expected"].get("indices")}, want {indices}')

    lay = layout_label(True, 1, 1, False)
    for dt in ('float32', 'float64', 'int32', 'uint8'):
        expect(f'maxPool2d worked example 5x5 k3 ceilMode true [{lay}] {dt}', [2, 3, 5, 1], [1, 1, 2, 2],
               [1, 3, 15, 18])
        expect(f'maxPool2d worked example 5x5 k3 ceilMode false [{lay}] {dt}', [2], [1, 1, 1, 1],
               None if dt == 'uint8' else [1])
    lay2 = layout_label(True, 1, 2, False)
    expect(f'maxPool2d ramp 4x4 k2 [{lay2}] float32', [5, 7, 13, 15, 21, 23, 29, 31], [1, 2, 2, 2],
           [5, 7, 13, 15, 5, 7, 13, 15])
    expect(f'avgPool2d ramp 4x4 k4 [{lay2}] float32', [7.5, 23.5], [1, 2, 1, 1])
    expect(f'avgPool2d ramp 4x4 k4 [{lay2}] int16', [8, 24], [1, 2, 1, 1])  # 7.5 -> 8, 23.5 -> 24
    # rounding: (2+3)/2 -> 3, (-2-3)/2 -> -3, 1/2 -> 1, -1/2 -> -1, 5/2 -> 3, -5/2 -> -3, 15/2 -> 8, -15/2 -> -8
    expect('avgPool1d rounding ties k2 divisor 2 [N1 C1 channelsFirst] int8',
           [3, -3, 1, -1, 3, -3, 8, -8, 2, -2], [1, 1, 10])
    expect('avgPool1d rounding thirds k3 [N1 C1 channelsLast] int16',
           [0, 1, 0, -1, 1, 2, -1, -2], [1, 8, 1])
    # the empty window cases
    expect('maxPool1d empty window in3 k2 d4 p1 [N2 C3 channelsFirst] float32', [-math.inf] * 6, [2, 3, 1],
           [-1] * 6)
    c = by['maxPool1d empty window in3 k2 d4 p1 [N2 C3 channelsFirst] float32']
    if c['source'] != 'reference':
        fail('empty window case should come from the reference')


def check_encoding(case):
    """Non-finite floats and -0 must be written as their strings, and no other string may appear."""
    for v in case['input']['data'] + case['expected']['data']:
        if isinstance(v, str) and v not in ('NaN', 'Infinity', '-Infinity', '-0'):
            fail(f'{case["name"]}: bad string {v!r}')
        if isinstance(v, float) and (not math.isfinite(v) or (v == 0 and math.copysign(1, v) < 0)):
            fail(f'{case["name"]}: unencoded {v!r}')


def check_file(path, kind):
    """Re-read the written file, decode every case and recompute it with the reference."""
    with open(path, 'r', encoding='utf-8') as f:
        doc = json.load(f)
    if doc.get('generator') != GENERATOR or doc.get('torch') != torch.__version__:
        fail(f'{path}: bad header')
    names = set()
    seen_options = set()
    allowed = MAX_OPTION_KEYS if kind == 'max' else AVG_OPTION_KEYS
    for c in doc['cases']:
        if set(c) != {'name', 'op', 'dtype', 'input', 'options', 'expected', 'source'}:
            fail(f'{c.get("name")}: bad keys {sorted(c)}')
        if c['name'] in names:
            fail(f'duplicate name {c["name"]}')
        names.add(c['name'])
        nd = int(c['op'][-2])
        if c['op'] != f'{kind}Pool{nd}d' or c['dtype'] not in DTYPES or c['source'] not in ('torch', 'reference'):
            fail(f'{c["name"]}: bad op/dtype/source')
        opts = c['options']
        if set(opts) - allowed:
            fail(f'{c["name"]}: bad options {opts}')
        seen_options |= set(opts)
        x = dec_array(c['input']['data'], c['dtype'], c['input']['shape'])
        cl = bool(opts.get('channelsLast', False))
        geom = resolve_geometry(opts, nd, spatial_of(list(x.shape), nd, cl))
        canon, batched = to_canonical(x, nd, cl)
        with np.errstate(all='ignore'):
            if kind == 'max':
                v, i = reference_max_pool(canon, nd, geom, c['dtype'])
            else:
                v = reference_avg_pool(canon, nd, geom, c['dtype'], opts.get('countIncludePad', True),
                                       opts.get('divisorOverride'))
        v = from_canonical(v, batched, cl)
        exp = dec_array(c['expected']['data'], c['dtype'], c['expected']['shape'])
        if not bitwise_equal(v, exp):
            fail(f'{path}: case {c["name"]!r} does not re-check against the reference')
        if kind == 'max':
            if opts.get('returnIndices'):
                idx = np.array(c['expected']['indices'], dtype=np.int64)
                if not np.array_equal(idx, from_canonical(i, batched, cl).ravel()):
                    fail(f'{path}: case {c["name"]!r} indices do not re-check')
            elif 'indices' in c['expected']:
                fail(f'{c["name"]}: indices without returnIndices')
        check_encoding(c)
    if seen_options != allowed:
        fail(f'{path}: options never used: {allowed - seen_options}')
    dtypes = {c['dtype'] for c in doc['cases']}
    if dtypes != set(DTYPES):
        fail(f'{path}: dtypes never used: {set(DTYPES) - dtypes}')
    return doc


def main():
    t0 = time.time()
    torch.set_num_threads(1)
    os.makedirs(OUT_DIR, exist_ok=True)
    summary = []
    all_cases = []
    for kind in ('max', 'avg'):
        suite = build_suite(kind)
        report = {'overridden': [], 'torch_refused': [], 'reference_only': {}}
        cases = [compute_case(kind, c, report) for c in suite.cases]
        all_cases += cases
        for name, n, tidx in report['overridden']:
            print(f'override: {name!r}: {n} window(s) with no real tap; torch returns value -Infinity with '
                  f'index {tidx} (outside the window), API.md says -1; using the reference '
                  f'(source "reference")')
        for name, msg in report['torch_refused']:
            print(f'torch refused: {name!r}: {msg}; using the reference')
        header = '{"generator":%s,"torch":%s,"cases":[\n' % (json.dumps(GENERATOR), json.dumps(torch.__version__))
        body = ',\n'.join(json.dumps(c, separators=(',', ':'), allow_nan=False) for c in cases)
        text = header + body + '\n]}\n'
        path = os.path.join(OUT_DIR, f'{kind}_pool.json')
        if len(text.encode('utf-8')) > MAX_FILE_BYTES:
            fail(f'{path} would be {len(text)} bytes, over {MAX_FILE_BYTES}')
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)
        check_file(path, kind)
        n_torch = sum(c['source'] == 'torch' for c in cases)
        why = ', '.join(f'{k}: {v}' for k, v in sorted(report['reference_only'].items()))
        summary.append(f'{os.path.relpath(path, ROOT)}: {len(cases)} cases ({n_torch} torch, '
                       f'{len(cases) - n_torch} reference [{why}; empty-window overrides: '
                       f'{len(report["overridden"])}; torch refused: {len(report["torch_refused"])}]), '
                       f'{len(text.encode("utf-8"))} bytes')
    check_worked_examples(all_cases)
    for line in summary:
        print(line)
    print(f'done in {time.time() - t0:.1f} s')


if __name__ == '__main__':
    try:
        main()
    except GoldenError as e:
        print(f'generate_goldens.py: FAILED: {e}', file=sys.stderr)
        sys.exit(1)
