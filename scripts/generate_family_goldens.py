#!/usr/bin/python3
"""Generate the golden files of the other pooling families:

    test/goldens/adaptive_pool.json  adaptiveAvgPool{1,2,3}d, adaptiveMaxPool{1,2,3}d
    test/goldens/global_pool.json    globalAvgPool, globalMaxPool
    test/goldens/lp_pool.json        lpPool{1,2,3}d
    test/goldens/max_unpool.json     maxUnpool{1,2,3}d

Run with Debian's python3 (python3-torch 1.13, numpy):

    /usr/bin/python3 scripts/generate_family_goldens.py

Every case is computed by a plain-Python reference that follows API.md ("Ops") and the exact
arithmetic the native kernels implement (see the reference_* docstrings).  Whenever PyTorch can
compute a case it is run too:
  - adaptive avg/max, global max, max unpool, and lp pool with normType 1 or 2 over full windows of
    a power-of-two element count must agree bit for bit (NaN equals NaN, -0 and +0 are distinct);
    the file then records PyTorch's values ("source": "torch");
  - global average (and adaptive avg with every output size 1, which PyTorch computes with mean())
    must agree within 4 * eps * mean(|plane|) + tiny, and lp pool otherwise within a relative
    1e-5 (float32) / 1e-12 (float64); the file records the reference ("source": "reference").
Any other disagreement aborts.  The one documented PyTorch difference (a float32 mean whose sum
overflows float32, where the reference sums in double) is listed on stdout.

The file format is the one of scripts/generate_goldens.py (whose helpers this script imports), one
case per line; maxUnpool cases add the Int32 indices argument at case level:
  CASE = { name, op, dtype, input: {shape, data}, [indices: {shape, data},] options,
           expected: {shape, data[, indices]}, source }
Every case draws its data from numpy.random.default_rng(seed) with a seed derived from its name.
"""

import collections
import ctypes
import itertools
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate_goldens as base  # noqa: E402

GENERATOR = 'scripts/generate_family_goldens.py'
MAX_FILE_BYTES = 1_200_000
fail = base.fail

# The C library the native kernels call for pow/powf: the reference must round exactly as it does.
LIBM = ctypes.CDLL('libm.so.6')
LIBM.powf.argtypes = [ctypes.c_float, ctypes.c_float]
LIBM.powf.restype = ctypes.c_float
LIBM.pow.argtypes = [ctypes.c_double, ctypes.c_double]
LIBM.pow.restype = ctypes.c_double

OPTION_KEYS = {
    'adaptiveAvgPool': {'outputSize', 'channelsLast'},
    'adaptiveMaxPool': {'outputSize', 'returnIndices', 'channelsLast'},
    'globalAvgPool': {'channelsLast'},
    'globalMaxPool': {'channelsLast'},
    'lpPool': {'normType', 'kernelSize', 'stride', 'ceilMode', 'channelsLast'},
    'maxUnpool': {'kernelSize', 'stride', 'padding', 'outputSize', 'channelsLast'},
}
FILES = {
    'adaptive_pool.json': ('adaptiveAvgPool', 'adaptiveMaxPool'),
    'global_pool.json': ('globalAvgPool', 'globalMaxPool'),
    'lp_pool.json': ('lpPool',),
    'max_unpool.json': ('maxUnpool',),
}
GLOBAL_OPS = ('globalAvgPool', 'globalMaxPool')


def family_of(op):
    return op if op in GLOBAL_OPS else op[:-2]


def nd_of(op, shape):
    """Spatial dims: the op's suffix, or for the global ops every dim after N and C."""
    return len(shape) - 2 if op in GLOBAL_OPS else int(op[-2])


class NoTorch(Exception):
    """PyTorch cannot compute this case; the message says why."""


# ----------------------------------------------------------------------------------------------
# Shared plane helpers
# ----------------------------------------------------------------------------------------------

def plane_taps(spatial, ranges):
    """ranges[d][o] = (start, stop) of output o along dim d.  Returns, per output position in
    row-major order, the flat plane offsets of its taps in row-major window order."""
    nd = len(spatial)
    strides = [int(np.prod(spatial[d + 1:], dtype=np.int64)) for d in range(nd)]
    per_dim = [[[t * strides[d] for t in range(a, b)] for (a, b) in ranges[d]] for d in range(nd)]
    return [[sum(c) for c in itertools.product(*(per_dim[d][o[d]] for d in range(nd)))]
            for o in itertools.product(*(range(len(r)) for r in ranges))]


def planes_of(canon):
    """(N*C, plane size) view of a canonical (N, C, *spatial) array."""
    return canon.reshape(canon.shape[0] * canon.shape[1], int(np.prod(canon.shape[2:], dtype=np.int64)))


def first_max(values, taps, is_float):
    """First maximum in tap order; a NaN always wins, so the last NaN wins (max pooling's rule)."""
    best, best_off = None, -1
    for off in taps:
        v = values[off]
        if best is None or v > best or (is_float and math.isnan(v)):
            best, best_off = v, off
    return best, best_off


# ----------------------------------------------------------------------------------------------
# Adaptive pooling
# ----------------------------------------------------------------------------------------------

def adaptive_sizes(output_size, spatial):
    nd = len(spatial)
    sizes = list(output_size) if isinstance(output_size, list) else [output_size] * nd
    if len(sizes) != nd:
        fail(f'outputSize {output_size!r} must have {nd} entries')
    sizes = [spatial[d] if s is None else s for d, s in enumerate(sizes)]
    if any(not isinstance(s, int) or isinstance(s, bool) or s < 1 for s in sizes):
        fail(f'outputSize {output_size!r}: entries must be integers >= 1 or null')
    return sizes


def adaptive_ranges(spatial, outs):
    # window i: [floor(i * in / out), ceil((i + 1) * in / out)) in integer arithmetic
    return [[(i * n // o, -(-(i + 1) * n // o)) for i in range(o)] for n, o in zip(spatial, outs)]


def reference_adaptive_max(canon, nd, opts, dtype, _indices):
    spatial = list(canon.shape[2:])
    outs = adaptive_sizes(opts['outputSize'], spatial)
    taps = plane_taps(spatial, adaptive_ranges(spatial, outs))
    shape = list(canon.shape[:2]) + outs
    val = np.zeros(shape, dtype=canon.dtype)
    idx = np.zeros(shape, dtype=np.int64)
    vf, xf = planes_of(val), planes_of(idx)
    for p, plane in enumerate(planes_of(canon)):
        values = plane.tolist()
        for q, t in enumerate(taps):
            vf[p, q], xf[p, q] = first_max(values, t, dtype in base.FLOAT_DTYPES)
    return val, idx


def reference_adaptive_avg(canon, nd, opts, dtype, _indices):
    """Floats: row-major window sum in the array's precision from 0, then divided by each dim's
    window extent in turn, outermost first (PyTorch's sum / kd / kh / kw), every step rounded.
    Every output size 1 is global average pooling (PyTorch uses mean() there too).
    Integers: exact sum divided once by the element count, rounded half away from zero (a mean
    never leaves the type's range, so the clamp of API.md never acts)."""
    spatial = list(canon.shape[2:])
    outs = adaptive_sizes(opts['outputSize'], spatial)
    if all(o == 1 for o in outs):
        return reference_global_avg(canon, nd, opts, dtype, None)
    ranges = adaptive_ranges(spatial, outs)
    taps = plane_taps(spatial, ranges)
    extents = [[ranges[d][o[d]][1] - ranges[d][o[d]][0] for d in range(nd)]
               for o in itertools.product(*(range(o) for o in outs))]
    out = np.zeros(list(canon.shape[:2]) + outs, dtype=canon.dtype)
    of = planes_of(out)
    for p, plane in enumerate(planes_of(canon)):
        if dtype == 'Float32Array':
            values = list(plane)  # np.float32 scalars: np.float32 arithmetic rounds every step
            for q, t in enumerate(taps):
                acc = np.float32(0)
                for off in t:
                    acc = np.float32(acc + values[off])
                for k in extents[q]:
                    acc = np.float32(acc / np.float32(k))
                of[p, q] = acc
        elif dtype == 'Float64Array':
            values = plane.tolist()
            for q, t in enumerate(taps):
                acc = 0.0
                for off in t:
                    acc += values[off]
                for k in extents[q]:
                    acc /= k
                of[p, q] = acc
        else:
            values = plane.tolist()
            for q, t in enumerate(taps):
                of[p, q] = base.round_div_half_away(sum(values[off] for off in t), len(t))
    return out, None


def torch_adaptive(kind):
    def run(canon, nd, opts, dtype, _indices):
        t = torch_tensor(canon, dtype)
        outs = adaptive_sizes(opts['outputSize'], list(canon.shape[2:]))
        fn = getattr(F, f'adaptive_{kind}_pool{nd}d')
        if kind == 'max':
            v, i = torch_call(lambda: fn(t, outs, return_indices=True), dtype)
            return v.numpy().copy(), i.numpy().astype(np.int64), 'bitwise', None
        v = torch_call(lambda: fn(t, outs), dtype).numpy().copy()
        if all(o == 1 for o in outs):
            return v, None, 'mean', 'every output size 1: global-average rule (torch mean within tolerance)'
        return v, None, 'bitwise', None
    return run


# ----------------------------------------------------------------------------------------------
# Global pooling
# ----------------------------------------------------------------------------------------------

def reference_global_max(canon, nd, opts, dtype, _indices):
    is_float = dtype in base.FLOAT_DTYPES
    out = np.zeros(list(canon.shape[:2]) + [1] * nd, dtype=canon.dtype)
    of = out.reshape(-1)
    for p, plane in enumerate(planes_of(canon)):
        values = plane.tolist()
        of[p], _ = first_max(values, range(len(values)), is_float)
        # API.md leaves the sign of a +-0 maximum open (SIMD max is order dependent): keep it out
        if is_float and of[p] == 0 and len({math.copysign(1, v) for v in values if v == 0}) == 2:
            fail('a global max plane whose maximum is both -0 and +0: its sign is unspecified')
    return out, None


def reference_global_avg(canon, nd, opts, dtype, _indices):
    """float32: sequential double sum from 0 of the plane in row-major order, divided by the count
    in double, rounded once to float32.  float64: sequential double sum / count.  Integers: exact
    sum divided once, rounded half away from zero."""
    out = np.zeros(list(canon.shape[:2]) + [1] * (canon.ndim - 2), dtype=canon.dtype)
    of = out.reshape(-1)
    for p, plane in enumerate(planes_of(canon)):
        values = plane.tolist()  # python floats (exact for float32) or ints
        if dtype in base.FLOAT_DTYPES:
            acc = 0.0
            for v in values:
                acc += v
            of[p] = acc / len(values)  # the float32 store rounds the double quotient once
        else:
            of[p] = base.round_div_half_away(sum(values), len(values))
    return out, None


def torch_global(kind):
    def run(canon, nd, opts, dtype, _indices):
        t = torch_tensor(canon, dtype)
        dims = list(range(2, canon.ndim))
        if kind == 'max':
            return torch_call(lambda: t.amax(dims, keepdim=True), dtype).numpy().copy(), None, 'bitwise', None
        v = torch_call(lambda: t.mean(dims, keepdim=True), dtype).numpy().copy()
        return v, None, 'mean', 'global average: double accumulation (torch mean within tolerance)'
    return run


# ----------------------------------------------------------------------------------------------
# Lp pooling
# ----------------------------------------------------------------------------------------------

def lp_geometry(opts, spatial):
    nd = len(spatial)
    k = base._per_dim(opts['kernelSize'], nd, 'kernelSize')
    s = base._per_dim(opts.get('stride', opts['kernelSize']), nd, 'stride')
    ceil_mode = bool(opts.get('ceilMode', False))
    outs = [base.out_size(spatial[d], k[d], s[d], 1, 0, 0, ceil_mode) for d in range(nd)]
    if any(o < 1 for o in outs):
        fail(f'lp output size {outs} < 1 for input {spatial} and options {opts}')
    ranges = [[(o * s[d], min(o * s[d] + k[d], spatial[d])) for o in range(outs[d])] for d in range(nd)]
    partial = any(o * s[d] + k[d] > spatial[d] for d in range(nd) for o in range(outs[d]))
    return k, s, ceil_mode, ranges, partial


def reference_lp(canon, nd, opts, dtype, _indices):
    """root(sum over the window's real elements of power(x)), all in the array's precision T,
    summed in row-major window order from 0, with power = x^p and root = s^(1/p), 1/p divided in
    double.  As PyTorch's pow, the exponents 1, 2 and 0.5 (tested on the double value) are x,
    x * x and sqrt(x), each correctly rounded; any other exponent is rounded to T and goes to
    libm's pow/powf."""
    spatial = list(canon.shape[2:])
    _, _, _, ranges, _ = lp_geometry(opts, spatial)
    taps = plane_taps(spatial, ranges)
    norm = opts['normType']
    single = dtype == 'Float32Array'
    T = np.float32 if single else np.float64
    libm_pow = LIBM.powf if single else LIBM.pow

    def power_of(exponent):
        if exponent == 1.0:
            return T
        if exponent == 2.0:
            return lambda x: T(T(x) * T(x))
        if exponent == 0.5:
            return lambda x: T(np.sqrt(T(x)))  # IEEE sqrt: NaN below zero and at -Infinity
        rounded = float(T(exponent))
        return lambda x: T(libm_pow(float(x), rounded))

    power, root = power_of(norm), power_of(1.0 / norm)
    out = np.zeros(list(canon.shape[:2]) + [len(rg) for rg in ranges], dtype=canon.dtype)
    of = planes_of(out)
    for pl, plane in enumerate(planes_of(canon)):
        powered = [power(x) for x in (list(plane) if single else plane.tolist())]
        for q, t in enumerate(taps):
            acc = T(0)
            for off in t:
                acc = T(acc + powered[off])
            of[pl, q] = root(acc)
    return out, None


def torch_lp(canon, nd, opts, dtype, _indices):
    spatial = list(canon.shape[2:])
    k, s, ceil_mode, _, partial = lp_geometry(opts, spatial)
    if nd == 3:
        raise NoTorch('no lp_pool3d in torch 1.13')
    if partial:
        raise NoTorch('partial ceil-mode window (torch averages over it, then scales by the kernel size)')
    t = torch_tensor(canon, dtype)
    norm = opts['normType']
    if nd == 1:
        v = F.lp_pool1d(t, norm, k[0], s[0], ceil_mode)
    else:
        v = F.lp_pool2d(t, norm, k, s, ceil_mode)
    count = int(np.prod(k))
    # torch divides the window sum by the kernel size and multiplies back: exact for a power of two
    if norm in (1, 2) and count & (count - 1) == 0:
        return v.numpy().copy(), None, 'bitwise', None
    why = ('normType not 1 or 2 (torch pow differs from libm pow)' if norm not in (1, 2) else
           'kernel element count not a power of two (torch sum / k * k rounds)')
    return v.numpy().copy(), None, 'close', why


# ----------------------------------------------------------------------------------------------
# Max unpooling
# ----------------------------------------------------------------------------------------------

def unpool_geometry(opts, spatial):
    nd = len(spatial)
    k = base._per_dim(opts['kernelSize'], nd, 'kernelSize')
    s = base._per_dim(opts.get('stride', opts['kernelSize']), nd, 'stride')
    pad = base._per_dim(opts.get('padding', 0), nd, 'padding')
    default = [(spatial[d] - 1) * s[d] - 2 * pad[d] + k[d] for d in range(nd)]
    outs = opts.get('outputSize', default)
    if len(outs) != nd or any(not (default[d] <= outs[d] <= default[d] + s[d] - 1) for d in range(nd)):
        fail(f'outputSize {outs} must have {nd} entries within [default, default + stride - 1], '
             f'default {default}')
    if any(o < 1 for o in outs):
        fail(f'unpool output size {outs} < 1')
    return k, s, pad, list(outs)


def reference_unpool(canon, nd, opts, dtype, indices):
    """Zeros, then every input element in input order writes output[plane][index]: the last of
    duplicate indices wins."""
    _, _, _, outs = unpool_geometry(opts, list(canon.shape[2:]))
    out = np.zeros(list(canon.shape[:2]) + outs, dtype=canon.dtype)
    of = planes_of(out)
    size = of.shape[1]
    for p, (plane, idx) in enumerate(zip(planes_of(canon), planes_of(indices))):
        for v, i in zip(plane, idx.tolist()):
            if not 0 <= i < size:
                fail(f'unpool index {i} outside the output plane of {size}')
            of[p, i] = v
    return out, None


def torch_unpool(canon, nd, opts, dtype, indices):
    k, s, pad, outs = unpool_geometry(opts, list(canon.shape[2:]))
    t = torch_tensor(canon, dtype)
    fn = getattr(F, f'max_unpool{nd}d')
    v = torch_call(lambda: fn(t, torch.from_numpy(indices.astype(np.int64)), k, s, pad, outs), dtype)
    return v.numpy().copy(), None, 'bitwise', None


# ----------------------------------------------------------------------------------------------
# PyTorch plumbing and comparisons
# ----------------------------------------------------------------------------------------------

def torch_tensor(canon, dtype):
    if canon.dtype in (np.uint16, np.uint32):
        raise NoTorch('no uint16/uint32 dtype in torch 1.13')
    return torch.from_numpy(canon.copy())


def torch_call(fn, dtype):
    try:
        return fn()
    except RuntimeError as e:
        # torch 1.13 has no integer kernel for these ops (nor an integer mean): expected
        if dtype in base.INT_DTYPES:
            raise NoTorch('torch refuses integer dtypes')
        raise NoTorch(f'torch refused: {str(e).splitlines()[0]}')


def ordinal(v, dtype):
    """Position of a float on the number line of its type (adjacent floats differ by 1)."""
    width = 32 if dtype == 'Float32Array' else 64
    u = int(np.array(v, dtype=base.DTYPES[dtype]).view(np.uint32 if width == 32 else np.uint64))
    return -(u & ((1 << (width - 1)) - 1)) if u >> (width - 1) else u


class Tolerance:
    """Worst observed disagreement of a tolerance check, for the summary."""

    def __init__(self):
        self.values = 0
        self.worst_ulp = (0, None)      # (ulp distance, case)
        self.worst_ratio = (0.0, None)  # (error / allowed error, case)

    def note(self, name, ulp, ratio):
        self.values += 1
        self.worst_ulp = max(self.worst_ulp, (ulp, name), key=lambda t: t[0])
        self.worst_ratio = max(self.worst_ratio, (ratio, name), key=lambda t: t[0])

    def __str__(self):
        return (f'{self.values} values; worst {self.worst_ulp[0]} ulp ({self.worst_ulp[1]!r}); worst '
                f'error / allowed {self.worst_ratio[0]:.3g} ({self.worst_ratio[1]!r})')


def check_mean(case, canon, ref, tv, report):
    """abs(ref - torch) <= 4 * eps * mean(|plane|) + tiny; non-finite results match in kind.
    Accepted difference: torch's float32 sum overflows where the double sum does not."""
    dtype = case['dtype']
    fi = np.finfo(base.DTYPES[dtype])
    for plane, r, t in zip(planes_of(canon).astype(np.float64), ref.ravel().tolist(), tv.ravel().tolist()):
        if not (math.isfinite(r) and math.isfinite(t)):
            if (math.isnan(r) and math.isnan(t)) or r == t:
                continue
            total = math.fsum(plane.tolist())
            if dtype == 'Float32Array' and math.isinf(t) and abs(total) > fi.max and \
                    math.copysign(1, t) == math.copysign(1, total):
                report.quirks.append(f'{case["name"]!r}: torch float32 mean {t} (its float32 sum '
                                     f'overflows), reference {r} (double sum); using the reference')
                continue
            fail(f'{case["name"]!r}: reference {r} and torch mean {t} differ in kind')
        bound = 4 * float(fi.eps) * float(np.mean(np.abs(plane))) + float(fi.tiny)
        err = abs(r - t)
        if err > bound or (r == 0 and t == 0 and math.copysign(1, r) != math.copysign(1, t)):
            fail(f'{case["name"]!r}: reference {r!r} and torch mean {t!r} differ by {err:.3g} > {bound:.3g}')
        report.tolerance[('mean', dtype)].note(case['name'], abs(ordinal(r, dtype) - ordinal(t, dtype)), err / bound)


def check_close(case, ref, tv, report):
    """Relative 1e-5 (float32) / 1e-12 (float64), NaN and infinities in the same places."""
    dtype = case['dtype']
    rel = 1e-5 if dtype == 'Float32Array' else 1e-12
    for r, t in zip(ref.ravel().tolist(), tv.ravel().tolist()):
        if not (math.isfinite(r) and math.isfinite(t)):
            if (math.isnan(r) and math.isnan(t)) or r == t:
                continue
            fail(f'{case["name"]!r}: reference {r} and torch {t} differ in kind')
        err = abs(r - t)
        allowed = rel * max(abs(r), abs(t))
        if err > allowed:
            fail(f'{case["name"]!r}: reference {r!r} and torch {t!r} differ by a relative '
                 f'{err / max(abs(r), abs(t)):.3g} > {rel}')
        report.tolerance[('close', dtype)].note(case['name'], abs(ordinal(r, dtype) - ordinal(t, dtype)),
                                                err / allowed if allowed else 0.0)


def check_bitwise(case, ref_v, ref_i, tv, ti, indices):
    name = case['name']
    where = f'case {name!r} (options {case["options"]}, input shape {list(case["input"].shape)})'
    if not base.bitwise_equal(tv, ref_v):
        diff = base.first_difference(tv, ref_v)
        if diff is None:
            fail(f'torch and reference shapes disagree in {where}: {tv.shape} vs {ref_v.shape}')
        dup = indices is not None and any(len(set(r.tolist())) < r.size for r in planes_of(indices))
        fail(('torch disagrees with "last duplicate index wins" in ' if dup else
              'torch and reference values disagree in ') +
             f'{where}: first difference at canonical flat position {diff[0]}: torch {diff[1]!r}, '
             f'reference {diff[2]!r}')
    if ref_i is not None and not np.array_equal(ti, ref_i):
        pos = int(np.argmax((ti != ref_i).ravel()))
        fail(f'torch and reference indices disagree in {where}: first difference at canonical flat '
             f'position {pos}: torch {ti.ravel()[pos]}, reference {ref_i.ravel()[pos]}')


REFERENCE = {
    'adaptiveAvgPool': reference_adaptive_avg,
    'adaptiveMaxPool': reference_adaptive_max,
    'globalAvgPool': reference_global_avg,
    'globalMaxPool': reference_global_max,
    'lpPool': reference_lp,
    'maxUnpool': reference_unpool,
}
TORCH = {
    'adaptiveAvgPool': torch_adaptive('avg'),
    'adaptiveMaxPool': torch_adaptive('max'),
    'globalAvgPool': torch_global('avg'),
    'globalMaxPool': torch_global('max'),
    'lpPool': torch_lp,
    'maxUnpool': torch_unpool,
}


class Report:
    def __init__(self):
        self.reference_only = collections.Counter()  # why -> cases
        self.refused = []                             # (name, message) for float cases torch refused
        self.quirks = []
        self.tolerance = collections.defaultdict(Tolerance)  # (check, dtype) -> Tolerance


def compute_case(case, report):
    op, dtype, opts, x = case['op'], case['dtype'], case['options'], case['input']
    fam = family_of(op)
    nd = nd_of(op, list(x.shape))
    cl = bool(opts.get('channelsLast', False))
    canon, batched = base.to_canonical(x, nd, cl)
    indices = None if case['indices'] is None else base.to_canonical(case['indices'], nd, cl)[0]
    with np.errstate(all='ignore'):
        ref_v, ref_i = REFERENCE[fam](canon, nd, opts, dtype, indices)
        try:
            tv, ti, check, why = TORCH[fam](canon, nd, opts, dtype, indices)
        except NoTorch as e:
            tv, why = None, str(e)
            if why.startswith('torch refused'):
                report.refused.append((case['name'], why))
    val, ind, source = ref_v, ref_i, 'reference'
    if tv is not None and check == 'bitwise':
        check_bitwise(case, ref_v, ref_i, tv, ti, indices)
        val, ind, source = tv, ti, 'torch'
    elif tv is not None and check == 'mean':
        check_mean(case, canon, ref_v, tv, report)
    elif tv is not None:
        check_close(case, ref_v, tv, report)
    if source == 'reference':
        report.reference_only[why] += 1
    val_out = base.from_canonical(val, batched, cl)
    expected = {'shape': list(val_out.shape), 'data': base.enc_array(val_out, dtype)}
    if opts.get('returnIndices'):
        expected['indices'] = [int(v) for v in base.from_canonical(ind, batched, cl).ravel().tolist()]
    out = {'name': case['name'], 'op': op, 'dtype': dtype,
           'input': {'shape': list(x.shape), 'data': base.enc_array(x, dtype)}}
    if case['indices'] is not None:
        out['indices'] = {'shape': list(case['indices'].shape),
                          'data': [int(v) for v in case['indices'].ravel().tolist()]}
    out.update(options=opts, expected=expected, source=source)
    return out


# ----------------------------------------------------------------------------------------------
# Case construction
# ----------------------------------------------------------------------------------------------

def make_values(kind, n, dtype, rng):
    """base.make_values, plus 'positive' (|normal|: keeps fractional lp powers finite) and
    'tiny' (0.05..0.2: powers that underflow float32)."""
    if kind == 'positive':
        return np.abs(rng.standard_normal(n)).astype(base.DTYPES[dtype])
    if kind == 'tiny':
        return rng.uniform(0.05, 0.2, n).astype(base.DTYPES[dtype])
    return base.make_values(kind, n, dtype, rng)


class Suite:
    def __init__(self):
        self.cases = []
        self.names = set()

    def add(self, op, desc, spatial, opts, dtype='Float32Array', layout='cf', values='grid', data=None):
        """data: canonical (N, C, *spatial) values, or a function (rng, dtype, values, shape) ->
        (canonical values, canonical Int32 indices) for maxUnpool."""
        batched, N, C, cl = base.LAYOUTS[layout] if isinstance(layout, str) else layout
        name, opts = base.claim_case(self.names, op, desc, (batched, N, C, cl), dtype, opts, OPTION_KEYS[family_of(op)])
        shape = [N, C] + list(spatial)
        rng = np.random.default_rng(base.seed_of(name))
        idx = None
        if callable(data):
            canon, idx = data(rng, dtype, values, shape)
        elif data is None:
            canon = make_values(values, int(np.prod(shape)), dtype, rng).reshape(shape)
        else:
            canon = base.canonical_values(name, data, dtype, shape)
        self.cases.append(dict(
            name=name, op=op, dtype=dtype, options=opts,
            input=base.from_canonical(canon, batched, cl),
            indices=None if idx is None else base.from_canonical(idx.astype(np.int32), batched, cl)))


INT = base.INT_DTYPES
LAYOUTS4 = base.LAYOUT_ORDER
CL_CHANNELS = [1, 5, 17]

# ---- adaptive -------------------------------------------------------------------------------

ADAPTIVE_GEOMETRIES = [  # (desc, nd, spatial, outputSize)
    ('out 4 from 10', 1, [10], 4),
    ('out [3] from 7', 1, [7], [3]),
    ('out 5 from 13', 1, [13], [5]),
    ('out 5 = in', 1, [5], 5),
    ('out 7 larger than in 3', 1, [3], 7),
    ('out [null] keeps 6', 1, [6], [None]),
    ('out 1 global from 9', 1, [9], 1),
    ('out 3 from 7x7', 2, [7, 7], 3),
    ('out [2,4] from 5x9', 2, [5, 9], [2, 4]),
    ('out [null,2] from 4x7', 2, [4, 7], [None, 2]),
    ('out [3,null] from 6x5', 2, [6, 5], [3, None]),
    ('out [1,3] from 4x6', 2, [4, 6], [1, 3]),
    ('out [5,7] larger than 3x4', 2, [3, 4], [5, 7]),
    ('out [4,2] from 3x8 grows and shrinks', 2, [3, 8], [4, 2]),
    ('out 1 global from 5x6', 2, [5, 6], 1),
    ('out [1,1] global from 7x7', 2, [7, 7], [1, 1]),
    ('out 2 from 4x5x6', 3, [4, 5, 6], 2),
    ('out [2,3,null] from 5x4x3', 3, [5, 4, 3], [2, 3, None]),
    ('out [1,2,3] from 3x5x7', 3, [3, 5, 7], [1, 2, 3]),
    ('out [3,5,4] larger than 2x3x3', 3, [2, 3, 3], [3, 5, 4]),
    ('out [null,null,null] identity', 3, [2, 3, 4], [None, None, None]),
    ('out 1 global from 3x4x5', 3, [3, 4, 5], 1),
]

RAMP5 = [[[0, 1, 2, 3, 4]]]
WORKED_MAX5 = [[[3, 1, 4, 1, 5]]]


def build_adaptive(suite):
    for i, (desc, nd, sp, osz) in enumerate(ADAPTIVE_GEOMETRIES):
        for kind in ('Avg', 'Max'):
            op = f'adaptive{kind}Pool{nd}d'
            opts = {'outputSize': osz}
            ri = {'returnIndices': True} if kind == 'Max' else {}
            suite.add(op, desc, sp, dict(opts, **ri), 'Float32Array', LAYOUTS4[i % 4], 'normal')
            suite.add(op, desc, sp, dict(opts, **(ri if i % 3 else {})), 'Float64Array',
                      LAYOUTS4[(i + 1) % 4], 'grid' if kind == 'Max' else 'normal')
            suite.add(op, desc, sp, dict(opts, **(ri if i % 2 else {})), INT[i % len(INT)],
                      LAYOUTS4[(i + 2) % 4], 'full')
    inf, nan = math.inf, math.nan
    for dt in base.FLOAT_DTYPES:
        # large and small magnitudes: the summation and division order show in the last bits
        suite.add('adaptiveAvgPool2d', 'large magnitudes out [3,5] from 8x8', [8, 8], {'outputSize': [3, 5]}, dt, 'cf1', 'large')
        suite.add('adaptiveAvgPool3d', 'large magnitudes out [3,2,4] from 4x5x6', [4, 5, 6], {'outputSize': [3, 2, 4]}, dt, 'ucl', 'large')
        suite.add('adaptiveAvgPool1d', 'large magnitudes out 7 from 30', [30], {'outputSize': 7}, dt, 'cl', 'large')
        suite.add('adaptiveAvgPool2d', 'NaN Infinity -0 mix out 4 from 6x6', [6, 6], {'outputSize': 4}, dt, 'cl', 'special')
        suite.add('adaptiveAvgPool1d', 'Infinity and -Infinity make NaN out 4 from 8', [8], {'outputSize': 4}, dt, 'cf1',
                  data=[[[inf, -inf, inf, 1.0, -inf, -inf, nan, inf]]])
        suite.add('adaptiveAvgPool2d', '-0 only windows give +0 out [3,2] from 4x4', [4, 4], {'outputSize': [3, 2]}, dt, 'cf1',
                  data=[[np.full((4, 4), -0.0)]])
        suite.add('adaptiveAvgPool1d', 'worked example ramp out 3 from 5', [5], {'outputSize': 3}, dt, 'cf1', data=RAMP5)
        suite.add('adaptiveMaxPool2d', 'NaN Infinity -0 mix out 4 from 6x6', [6, 6], {'outputSize': 4, 'returnIndices': True}, dt, 'cf', 'special')
        suite.add('adaptiveMaxPool3d', 'NaN Infinity -0 mix out [3,2,3] from 4x4x4', [4, 4, 4], {'outputSize': [3, 2, 3], 'returnIndices': True}, dt, 'cl', 'special')
        suite.add('adaptiveMaxPool2d', 'ties 0/1 values out 3 from 7x7', [7, 7], {'outputSize': 3, 'returnIndices': True}, dt, 'ucf', 'ties')
        suite.add('adaptiveMaxPool1d', 'ties all equal out 4 from 9', [9], {'outputSize': 4, 'returnIndices': True}, dt, 'ucl', 'const')
        suite.add('adaptiveMaxPool2d', 'all negative out [2,3] from 5x7', [5, 7], {'outputSize': [2, 3], 'returnIndices': True}, dt, 'cl', 'negative')
        suite.add('adaptiveMaxPool1d', 'NaN placement last NaN wins out 3 from 8', [8], {'outputSize': 3, 'returnIndices': True}, dt, 'cf1',
                  data=[[[nan, 9.0, nan, 1.0, nan, 2.0, inf, nan]]])
        suite.add('adaptiveMaxPool2d', 'all -Infinity windows index first tap out 2 from 4x4', [4, 4], {'outputSize': 2, 'returnIndices': True}, dt, 'cf1',
                  data=[[np.where(np.arange(16).reshape(4, 4) == 15, 1.0, -inf)]])
        suite.add('adaptiveMaxPool1d', '-0 then +0 keeps -0 out 4 from 8', [8], {'outputSize': 4, 'returnIndices': True}, dt, 'cf1',
                  data=[[[-0.0, 0.0, 0.0, -0.0, -0.0, -0.0, -1.0, -0.0]]])
        suite.add('adaptiveMaxPool1d', 'worked example out 3 from 5', [5], {'outputSize': 3, 'returnIndices': True}, dt, 'cf1', data=WORKED_MAX5)
    suite.add('adaptiveAvgPool1d', 'float32 overflow to Infinity out 2 from 4', [4], {'outputSize': 2}, 'Float32Array', 'cf1',
              data=[[[3e38, 3e38, -3e38, -3e38]]])
    # integers: rounding of exact means, extremes, overflow-free sums
    pairs_signed = [[[2, 3, -2, -3, 1, 0, -1, 0, 5, 0, -5, 0]]]
    pairs_unsigned = [[[2, 3, 1, 0, 5, 0, 7, 8, 254, 255, 0, 1]]]
    thirds_signed = [[[1, 0, 0, 2, 0, 0, -1, 0, 0, -2, 0, 0]]]
    thirds_unsigned = [[[1, 0, 0, 2, 0, 0, 4, 0, 0, 5, 0, 0]]]
    for i, dt in enumerate(INT):
        signed = base.int_range(dt)[0] < 0
        suite.add('adaptiveAvgPool1d', 'rounding ties windows of 2 out 6 from 12', [12], {'outputSize': 6}, dt, 'cf1',
                  data=pairs_signed if signed else pairs_unsigned)
        suite.add('adaptiveAvgPool1d', 'rounding thirds out 4 from 12', [12], {'outputSize': 4}, dt, 'cl1',
                  data=thirds_signed if signed else thirds_unsigned)
        suite.add('adaptiveAvgPool2d', 'extremes out [2,3] from 5x5', [5, 5], {'outputSize': [2, 3]}, dt, LAYOUTS4[i % 4], 'extremes')
        suite.add('adaptiveAvgPool3d', 'full range out [2,1,3] from 3x3x4', [3, 3, 4], {'outputSize': [2, 1, 3]}, dt, LAYOUTS4[(i + 1) % 4], 'full')
        suite.add('adaptiveMaxPool2d', 'extremes out 3 from 5x6', [5, 6], {'outputSize': 3, 'returnIndices': True}, dt, LAYOUTS4[(i + 2) % 4], 'extremes')
        suite.add('adaptiveMaxPool1d', 'ties out 3 from 8', [8], {'outputSize': 3, 'returnIndices': True}, dt, 'cf1', 'ties')
    suite.add('adaptiveAvgPool1d', 'near max out 3 from 12', [12], {'outputSize': 3}, 'Uint32Array', 'cf1', 'high')
    suite.add('adaptiveAvgPool1d', 'near +-2^31 out 3 from 12', [12], {'outputSize': 3}, 'Int32Array', 'cf1', 'extremes')
    suite.add('adaptiveAvgPool1d', 'near -2^31 out 2 from 9', [9], {'outputSize': 2}, 'Int32Array', 'cf1', 'low')
    suite.add('adaptiveAvgPool1d', 'worked example ramp out 3 from 5', [5], {'outputSize': 3}, 'Int16Array', 'cf1', data=RAMP5)
    suite.add('adaptiveMaxPool1d', 'worked example out 3 from 5', [5], {'outputSize': 3, 'returnIndices': True}, 'Uint8Array', 'cf1', data=WORKED_MAX5)
    # channels-last with various C, an RGB image, empty batch / channels
    for c in CL_CHANNELS:
        suite.add('adaptiveAvgPool2d', 'channelsLast out [3,2] from 7x5', [7, 5], {'outputSize': [3, 2]}, 'Float32Array', (True, 1, c, True), 'normal')
        suite.add('adaptiveMaxPool2d', 'channelsLast out [3,2] from 7x5', [7, 5], {'outputSize': [3, 2], 'returnIndices': True}, 'Float64Array', (False, 1, c, True), 'normal')
    suite.add('adaptiveAvgPool2d', 'channelsLast RGB image out 3 from 8x8', [8, 8], {'outputSize': 3}, 'Uint8ClampedArray', (False, 1, 3, True), 'full')
    suite.add('adaptiveAvgPool2d', 'channelsLast false explicit out 2 from 4x5', [4, 5], {'outputSize': 2, 'channelsLast': False}, 'Float32Array', 'cf', 'grid')
    suite.add('adaptiveAvgPool2d', 'empty batch N=0 out 2 from 4x5', [4, 5], {'outputSize': 2}, 'Float32Array', (True, 0, 3, False))
    suite.add('adaptiveMaxPool1d', 'empty channels C=0 out 2 from 5', [5], {'outputSize': 2, 'returnIndices': True}, 'Int16Array', (True, 2, 0, True))


# ---- global ---------------------------------------------------------------------------------

GLOBAL_SHAPES = [  # (desc, spatial, N, C)
    ('len 7', [7], 2, 3),
    ('len 1', [1], 2, 3),
    ('long 1d len 300', [300], 1, 2),
    ('1x1', [1, 1], 2, 3),
    ('7x7 inference head', [7, 7], 2, 4),
    ('3x5', [3, 5], 2, 3),
    ('2x3x4', [2, 3, 4], 1, 3),
    ('1x1x1', [1, 1, 1], 2, 2),
    ('rank 6 2x2x3x2', [2, 2, 3, 2], 1, 2),
    ('rank 6 3x1x2x2', [3, 1, 2, 2], 2, 1),
]


def build_global(suite):
    for i, (desc, sp, N, C) in enumerate(GLOBAL_SHAPES):
        for op in GLOBAL_OPS:
            suite.add(op, desc, sp, {}, 'Float32Array', (True, N, C, i % 2 == 1), 'normal')
            suite.add(op, desc, sp, {}, 'Float64Array', (True, N, C, i % 2 == 0), 'normal')
            suite.add(op, desc, sp, {}, INT[i % len(INT)], (True, N, C, i % 2 == 1), 'full')
            suite.add(op, desc, sp, {}, INT[(i + 3) % len(INT)], (True, N, C, i % 2 == 0), 'grid')
    inf, nan = math.inf, math.nan
    for dt in base.FLOAT_DTYPES:
        # double accumulation versus torch's float32 cascade sum: the ulp report below
        suite.add('globalAvgPool', 'large magnitudes 7x7', [7, 7], {}, dt, 'cl', 'large')
        suite.add('globalAvgPool', 'large magnitudes long 1d len 1000', [1000], {}, dt, (True, 1, 1, False), 'large')
        suite.add('globalAvgPool', 'large magnitudes 4x5x6', [4, 5, 6], {}, dt, (True, 1, 2, True), 'large')
        suite.add('globalAvgPool', 'all ones long 1d len 1000', [1000], {}, dt, (True, 1, 1, True), 'const')
        suite.add('globalAvgPool', 'NaN Infinity -0 mix 7x7', [7, 7], {}, dt, 'cf', 'special')
        suite.add('globalAvgPool', 'NaN Infinity -0 mix len 5', [5], {}, dt, 'cl', 'special')
        suite.add('globalAvgPool', 'Infinity, -Infinity make NaN, single NaN', [3], {}, dt, (True, 1, 4, False),
                  data=[[[inf, 1.0, inf], [inf, -inf, 2.0], [1.0, nan, 3.0], [-inf, -1.0, 0.0]]])
        suite.add('globalAvgPool', '-0 only plane gives +0', [2, 2], {}, dt, 'cf1', data=[[[[-0.0, -0.0], [-0.0, -0.0]]]])
        suite.add('globalMaxPool', 'NaN Infinity -0 mix 7x7', [7, 7], {}, dt, 'cl', 'special')
        suite.add('globalMaxPool', 'all negative 2x3x4', [2, 3, 4], {}, dt, 'cf', 'negative')
        suite.add('globalMaxPool', 'ties 0/1 values 3x5', [3, 5], {}, dt, 'cl', 'ties')
        suite.add('globalMaxPool', 'NaN first, last, alone; -Infinity only', [4], {}, dt, (True, 1, 4, False),
                  data=[[[nan, 5.0, inf, 1.0], [1.0, 2.0, 9.0, nan], [-inf, nan, -inf, -inf], [-inf, -inf, -inf, -inf]]])
        suite.add('globalMaxPool', 'large magnitudes long 1d len 1000', [1000], {}, dt, (True, 1, 1, True), 'large')
    suite.add('globalAvgPool', 'float32 sum past float32 max, mean fits', [2, 2], {}, 'Float32Array', 'cf1',
              data=[[[[3e38, 3e38], [3e38, 3e38]]]])
    suite.add('globalAvgPool', 'explicit channelsLast false 7x7', [7, 7], {'channelsLast': False}, 'Float32Array', 'cf', 'grid')
    # integers: exact sums (no overflow at the type's extremes), rounding half away from zero
    halves_signed = [[[1, 2], [-1, -2], [-3, 0], [3, 0], [2, 2], [-5, 0]]]    # 2 -2 -2 2 2 -3
    halves_unsigned = [[[1, 2], [0, 1], [2, 3], [5, 0], [2, 2], [254, 255]]]  # 2 1 3 3 2 255
    for i, dt in enumerate(INT):
        signed = base.int_range(dt)[0] < 0
        suite.add('globalAvgPool', 'rounding ties len 2', [2], {}, dt, (True, 1, 6, False),
                  data=halves_signed if signed else halves_unsigned)
        suite.add('globalAvgPool', 'type maximum 7x7', [7, 7], {}, dt, (True, 1, 2, i % 2 == 0), 'high')
        suite.add('globalAvgPool', 'extremes 3x5', [3, 5], {}, dt, (True, 2, 2, i % 2 == 1), 'extremes')
        suite.add('globalMaxPool', 'extremes 3x5', [3, 5], {}, dt, (True, 2, 2, i % 2 == 0), 'extremes')
        suite.add('globalMaxPool', 'ties 2x3x4', [2, 3, 4], {}, dt, (True, 1, 3, i % 2 == 1), 'ties')
        if signed:
            suite.add('globalAvgPool', 'type minimum 7x7', [7, 7], {}, dt, (True, 1, 2, i % 2 == 1), 'low')
            suite.add('globalMaxPool', 'type minimum 2x2', [2, 2], {}, dt, (True, 2, 3, i % 2 == 0), 'low')
    suite.add('globalAvgPool', 'type maximum long 1d len 1000', [1000], {}, 'Int32Array', 'cf1', 'high')
    suite.add('globalAvgPool', 'type maximum long 1d len 1000', [1000], {}, 'Uint32Array', 'cl1', 'high')
    for c in CL_CHANNELS:
        suite.add('globalAvgPool', 'channelsLast 7x7', [7, 7], {}, 'Float32Array', (True, 1, c, True), 'normal')
        suite.add('globalMaxPool', 'channelsLast 4x4', [4, 4], {}, 'Float64Array', (True, 2, c, True), 'normal')
    suite.add('globalAvgPool', 'channelsLast RGB image 8x8', [8, 8], {}, 'Uint8ClampedArray', (True, 1, 3, True), 'full')
    suite.add('globalAvgPool', 'empty batch N=0 3x3', [3, 3], {}, 'Float64Array', (True, 0, 3, False))
    suite.add('globalMaxPool', 'empty channels C=0 3x3', [3, 3], {}, 'Uint16Array', (True, 2, 0, True))


# ---- lp -------------------------------------------------------------------------------------

LP_GEOMETRIES = [  # (desc, nd, spatial, options)
    ('k2', 1, [8], {'kernelSize': 2}),
    ('k4 s1', 1, [9], {'kernelSize': 4, 'stride': 1}),
    ('k3 s2', 1, [9], {'kernelSize': 3, 'stride': 2}),
    ('k2 s3 stride > kernel', 1, [11], {'kernelSize': 2, 'stride': 3}),
    ('k3 s2 ceil partial', 1, [8], {'kernelSize': 3, 'stride': 2, 'ceilMode': True}),
    ('k4 s4 ceil exact', 1, [8], {'kernelSize': [4], 'stride': [4], 'ceilMode': True}),
    ('k2 ceil partial', 1, [7], {'kernelSize': 2, 'ceilMode': True}),
    ('k2', 2, [4, 6], {'kernelSize': 2}),
    ('k[2,4] s[1,2]', 2, [5, 8], {'kernelSize': [2, 4], 'stride': [1, 2]}),
    ('k3 s2', 2, [7, 7], {'kernelSize': 3, 'stride': 2}),
    ('k4', 2, [8, 8], {'kernelSize': 4}),
    ('k2 s[3,1] stride > kernel', 2, [7, 5], {'kernelSize': 2, 'stride': [3, 1]}),
    ('k3 s2 ceil partial', 2, [6, 6], {'kernelSize': 3, 'stride': 2, 'ceilMode': True}),
    ('k[2,3] s[3,2] ceil partial', 2, [7, 8], {'kernelSize': [2, 3], 'stride': [3, 2], 'ceilMode': True}),
    ('k2', 3, [4, 4, 4], {'kernelSize': 2}),
    ('k[1,2,2] s1', 3, [3, 4, 5], {'kernelSize': [1, 2, 2], 'stride': 1}),
    ('k3 s2 ceil partial', 3, [5, 6, 4], {'kernelSize': 3, 'stride': 2, 'ceilMode': True}),
    ('k2 s[1,2,3]', 3, [3, 4, 6], {'kernelSize': 2, 'stride': [1, 2, 3]}),
]
OTHER_NORMS = [3, 1.5, 0.5, 7.25, 40]


def build_lp(suite):
    for i, (desc, nd, sp, opts) in enumerate(LP_GEOMETRIES):
        op = f'lpPool{nd}d'
        suite.add(op, f'p2 {desc}', sp, dict(opts, normType=2), 'Float32Array', LAYOUTS4[i % 4], 'normal')
        suite.add(op, f'p1 {desc}', sp, dict(opts, normType=1), 'Float64Array', LAYOUTS4[(i + 1) % 4], 'grid')
        for j, dt in ((0, 'Float32Array'), (2, 'Float64Array')):
            p = OTHER_NORMS[(i + j) % len(OTHER_NORMS)]
            suite.add(op, f'p{p} {desc}', sp, dict(opts, normType=p), dt, LAYOUTS4[(i + 2 + j) % 4], 'positive')
        if i % 3 == 0:
            suite.add(op, f'p2 {desc}', sp, dict(opts, normType=2), 'Float64Array', LAYOUTS4[(i + 3) % 4], 'grid')
    inf, nan = math.inf, math.nan
    for dt in base.FLOAT_DTYPES:
        # negative x with a fractional p is NaN (pow's rule, not |x|^p); odd p keeps the sign
        suite.add('lpPool1d', 'p1.5 negative inputs give NaN k2', [8], {'normType': 1.5, 'kernelSize': 2}, dt, 'cf', 'grid')
        suite.add('lpPool2d', 'p7.25 negative inputs give NaN k2 s1', [4, 5], {'normType': 7.25, 'kernelSize': 2, 'stride': 1}, dt, 'cl', 'grid')
        suite.add('lpPool1d', 'p3 negative sums give NaN k3 s1', [9], {'normType': 3, 'kernelSize': 3, 'stride': 1}, dt, 'ucf', 'grid')
        suite.add('lpPool1d', 'p1 signed sums k3', [9], {'normType': 1, 'kernelSize': 3}, dt, 'ucl', 'normal')
        suite.add('lpPool2d', 'p40 k2 values up to 10', [4, 4], {'normType': 40, 'kernelSize': 2}, dt, 'cf', 'grid')
        suite.add('lpPool1d', 'zeros and -0 k2', [8], {'normType': 3, 'kernelSize': 2}, dt, 'cf1',
                  data=[[[0.0, 0.0, -0.0, -0.0, 0.0, -0.0, -0.0, 0.0]]])
        for p, op, sp in ((1, 'lpPool1d', [12]), (2, 'lpPool2d', [6, 6]), (3, 'lpPool1d', [12]),
                          (1.5, 'lpPool1d', [12]), (0.5, 'lpPool1d', [12])):
            suite.add(op, f'p{p} NaN Infinity -0 mix k2 s1', sp, {'normType': p, 'kernelSize': 2, 'stride': 1}, dt, 'cf', 'special')
        suite.add('lpPool3d', 'p0.5 NaN Infinity -0 mix k2 ceil partial', [3, 3, 3],
                  {'normType': 0.5, 'kernelSize': 2, 'ceilMode': True}, dt, 'cl', 'special')
        suite.add('lpPool1d', 'p2 Infinity and NaN windows k2', [8], {'normType': 2, 'kernelSize': 2}, dt, 'cf1',
                  data=[[[inf, 1.0, -inf, 2.0, nan, 1.0, inf, -inf]]])
        suite.add('lpPool2d', 'p2 large magnitudes k4', [8, 8], {'normType': 2, 'kernelSize': 4}, dt, 'cf1', 'large')
        suite.add('lpPool3d', 'p40 tiny values underflow k2', [2, 4, 4], {'normType': 40, 'kernelSize': 2}, dt, 'ucf', 'tiny')
        suite.add('lpPool1d', 'worked example p2 k2', [4], {'normType': 2, 'kernelSize': 2}, dt, 'cf1', data=[[[3.0, 4.0, 0.0, 0.0]]])
        suite.add('lpPool1d', 'worked example p1 k2', [4], {'normType': 1, 'kernelSize': 2}, dt, 'cf1', data=[[[1.0, -3.0, 0.5, 0.25]]])
    suite.add('lpPool1d', 'p40 overflow to Infinity float32 k2', [8], {'normType': 40, 'kernelSize': 2}, 'Float32Array', 'cf1',
              data=[[[9.0, 0.5, 9.0, 9.0, -10.0, 0.5, 3e38, 2.0]]])  # 9^40 fits, 2 * 9^40 fits, 10^40 does not
    suite.add('lpPool2d', 'p2 overflow to Infinity float32 k2', [2, 2], {'normType': 2, 'kernelSize': 2}, 'Float32Array', 'cf1',
              data=[[[[2e19, 2e19], [0.0, 1.0]]]])
    for c in CL_CHANNELS:
        suite.add('lpPool2d', 'p2 channelsLast k2', [4, 6], {'normType': 2, 'kernelSize': 2}, 'Float32Array', (True, 1, c, True), 'normal')
        suite.add('lpPool1d', 'p3 channelsLast k3 s2 ceil partial', [8], {'normType': 3, 'kernelSize': 3, 'stride': 2, 'ceilMode': True},
                  'Float64Array', (False, 1, c, True), 'positive')
    suite.add('lpPool2d', 'p2 larger image k2', [16, 16], {'normType': 2, 'kernelSize': 2}, 'Float32Array', (True, 1, 3, True), 'normal')
    suite.add('lpPool2d', 'p2 channelsLast false explicit k2', [4, 4], {'normType': 2, 'kernelSize': 2, 'channelsLast': False}, 'Float64Array', 'cf', 'grid')
    suite.add('lpPool2d', 'p2 empty batch N=0 k2', [4, 4], {'normType': 2, 'kernelSize': 2}, 'Float32Array', (True, 0, 3, False))


# ---- max unpool -----------------------------------------------------------------------------

UNPOOL_FROM_POOL = [  # (desc, nd, pooled source spatial, unpool options = the pool's, ceilMode of the pool)
    ('k2 of 8', 1, [8], {'kernelSize': 2}, False),
    ('k3 s2 of 9', 1, [9], {'kernelSize': 3, 'stride': 2}, False),
    ('k3 s2 p1 of 7', 1, [7], {'kernelSize': 3, 'stride': 2, 'padding': 1}, False),
    ('k2 of odd 9 outputSize', 1, [9], {'kernelSize': 2, 'outputSize': [9]}, False),
    ('k2 ceil of 7', 1, [7], {'kernelSize': 2}, True),
    ('k3 s3 p[1] of 10', 1, [10], {'kernelSize': 3, 'stride': 3, 'padding': [1]}, False),
    ('k3 s1 p1 of 6 overlapping windows', 1, [6], {'kernelSize': 3, 'stride': 1, 'padding': 1}, False),
    ('k2 of 4x4', 2, [4, 4], {'kernelSize': 2}, False),
    ('k2 of odd 5x5 outputSize', 2, [5, 5], {'kernelSize': 2, 'outputSize': [5, 5]}, False),
    ('k3 s2 p1 of 7x6 outputSize', 2, [7, 6], {'kernelSize': 3, 'stride': 2, 'padding': 1, 'outputSize': [7, 6]}, False),
    ('k[2,3] s2 p[1,1] of 6x8 outputSize', 2, [6, 8], {'kernelSize': [2, 3], 'stride': [2, 2], 'padding': [1, 1], 'outputSize': [6, 8]}, False),
    ('k3 s2 ceil of 5x7', 2, [5, 7], {'kernelSize': 3, 'stride': 2}, True),
    ('k2 ceil of 5x6', 2, [5, 6], {'kernelSize': 2}, True),
    ('k2 s1 of 6x6 overlapping windows', 2, [6, 6], {'kernelSize': 2, 'stride': 1}, False),
    ('k2 of 4x4x4', 3, [4, 4, 4], {'kernelSize': 2}, False),
    ('k[3,2,2] s2 p[1,0,1] of 5x4x6', 3, [5, 4, 6], {'kernelSize': [3, 2, 2], 'stride': 2, 'padding': [1, 0, 1]}, False),
    ('k2 of odd 5x5x3 outputSize', 3, [5, 5, 3], {'kernelSize': 2, 'outputSize': [5, 5, 3]}, False),
    ('k[1,3,3] s[1,2,2] ceil of 3x5x5', 3, [3, 5, 5], {'kernelSize': [1, 3, 3], 'stride': [1, 2, 2]}, True),
    ('k2 s1 of 3x3x4 overlapping windows', 3, [3, 3, 4], {'kernelSize': 2, 'stride': 1}, False),
]

UNPOOL_SCATTER = [  # (desc, nd, input spatial, options, distinct indices per plane: small = many duplicates)
    ('random indices with duplicates k2', 1, [6], {'kernelSize': 2}, 4),
    ('all indices equal k2', 1, [6], {'kernelSize': 2}, 1),
    ('random indices k3 s2 outputSize', 1, [5], {'kernelSize': 3, 'stride': 2, 'outputSize': [12]}, 7),
    ('random indices with duplicates k2', 2, [3, 3], {'kernelSize': 2}, 6),
    ('random indices k[2,3] s[2,1] p[1,0]', 2, [3, 4], {'kernelSize': [2, 3], 'stride': [2, 1], 'padding': [1, 0]}, 9),
    ('random indices with duplicates k2', 3, [2, 2, 2], {'kernelSize': 2}, 5),
    ('random indices k[1,2,3] s[1,2,2] outputSize', 3, [2, 3, 2], {'kernelSize': [1, 2, 3], 'stride': [1, 2, 2], 'outputSize': [2, 7, 6]}, 8),
]


def pool_params(opts, nd):
    """Per-dim kernel, stride and symmetric padding of the max pool an unpool case inverts."""
    return (base._per_dim(opts['kernelSize'], nd, 'kernelSize'),
            base._per_dim(opts.get('stride', opts['kernelSize']), nd, 'stride'),
            base._per_dim(opts.get('padding', 0), nd, 'padding'))


def from_max_pool(nd, src_spatial, opts, ceil_mode):
    """Data maker: random source data max-pooled by torch (on float64 for integer arrays, exact);
    the pooled values and indices are the unpool's input."""
    def make(rng, dtype, values, shape):
        src = make_values(values, shape[0] * shape[1] * int(np.prod(src_spatial)), dtype, rng)
        src = src.reshape(shape[:2] + list(src_spatial))
        t = torch.from_numpy(src.astype(np.float64) if dtype in base.INT_DTYPES else src.copy())
        k, s, p = pool_params(opts, nd)
        _, idx = getattr(F, f'max_pool{nd}d')(t, k, s, p, ceil_mode=ceil_mode, return_indices=True)
        idx = idx.numpy()
        if list(idx.shape) != shape:
            fail(f'pooled shape {list(idx.shape)} != {shape}')
        flat = idx.reshape(shape[0], shape[1], -1)
        vals = np.take_along_axis(src.reshape(shape[0], shape[1], -1), flat, axis=2)
        return vals.reshape(shape), idx
    return make


def scattered(opts, spatial, distinct):
    """Data maker: random indices into the output plane drawn from `distinct` positions per plane."""
    def make(rng, dtype, values, shape):
        plane = int(np.prod(unpool_geometry(opts, spatial)[3]))
        vals = make_values(values, int(np.prod(shape)), dtype, rng).reshape(shape)
        n_planes, n_in = shape[0] * shape[1], int(np.prod(spatial))
        idx = np.stack([rng.choice(rng.choice(plane, distinct, replace=False), n_in) for _ in range(n_planes)])
        return vals, idx.reshape(shape)
    return make


def build_unpool(suite):
    for i, (desc, nd, src, opts, ceil_mode) in enumerate(UNPOOL_FROM_POOL):
        op = f'maxUnpool{nd}d'
        pooled = [base.out_size(src[d], k, s, 1, p, p, ceil_mode) for d, (k, s, p) in
                  enumerate(zip(*pool_params(opts, nd)))]
        desc = f'from maxPool {desc}'
        for dt, lay, values in (('Float32Array', LAYOUTS4[i % 4], 'normal'),
                                ('Float64Array', LAYOUTS4[(i + 1) % 4], 'grid'),
                                (INT[i % len(INT)], LAYOUTS4[(i + 2) % 4], 'full')):
            suite.add(op, desc, pooled, opts, dt, lay, values, data=from_max_pool(nd, src, opts, ceil_mode))
    for i, (desc, nd, sp, opts, distinct) in enumerate(UNPOOL_SCATTER):
        for j, dt in enumerate(base.DTYPES):
            suite.add(f'maxUnpool{nd}d', desc, sp, opts, dt, LAYOUTS4[(i + j) % 4],
                      'normal' if dt in base.FLOAT_DTYPES else 'full', data=scattered(opts, sp, distinct))
    for dt in base.FLOAT_DTYPES:
        suite.add('maxUnpool2d', 'from maxPool NaN Infinity -0 mix k2 of 6x6', [3, 3], {'kernelSize': 2}, dt, 'cf', 'special',
                  data=from_max_pool(2, [6, 6], {'kernelSize': 2}, False))
        suite.add('maxUnpool1d', 'worked example duplicates last wins', [4], {'kernelSize': 2}, dt, 'cf1',
                  data=lambda rng, dtype, values, shape: (np.array([[[1, 2, 3, 4]]], dtype=base.DTYPES[dtype]),
                                                          np.array([[[1, 1, 3, 1]]])))
        suite.add('maxUnpool1d', '-0 values stay -0 k2', [4], {'kernelSize': 2}, dt, 'cf1',
                  data=lambda rng, dtype, values, shape: (np.array([[[-0.0, 1.0, -0.0, -2.0]]], dtype=base.DTYPES[dtype]),
                                                          np.array([[[0, 3, 5, 6]]])))
    suite.add('maxUnpool1d', 'worked example duplicates last wins', [4], {'kernelSize': 2}, 'Int32Array', 'cf1',
              data=lambda rng, dtype, values, shape: (np.array([[[1, 2, 3, 4]]], dtype=np.int32), np.array([[[1, 1, 3, 1]]])))
    for c in CL_CHANNELS:
        suite.add('maxUnpool2d', 'channelsLast from maxPool k2 of 6x4', [3, 2], {'kernelSize': 2}, 'Float32Array', (True, 1, c, True),
                  'normal', data=from_max_pool(2, [6, 4], {'kernelSize': 2}, False))
        suite.add('maxUnpool3d', 'channelsLast from maxPool k2 of 4x2x4', [2, 1, 2], {'kernelSize': 2}, 'Uint8ClampedArray',
                  (False, 1, c, True), 'full', data=from_max_pool(3, [4, 2, 4], {'kernelSize': 2}, False))
    suite.add('maxUnpool2d', 'channelsLast false explicit from maxPool k2 of 4x4', [2, 2], {'kernelSize': 2, 'channelsLast': False},
              'Float64Array', 'cf', 'normal', data=from_max_pool(2, [4, 4], {'kernelSize': 2}, False))
    suite.add('maxUnpool2d', 'empty batch N=0 k2', [2, 3], {'kernelSize': 2}, 'Float32Array', (True, 0, 3, False),
              data=lambda rng, dtype, values, shape: (np.zeros(shape, np.float32), np.zeros(shape, np.int64)))


BUILDERS = {
    'adaptive_pool.json': build_adaptive,
    'global_pool.json': build_global,
    'lp_pool.json': build_lp,
    'max_unpool.json': build_unpool,
}


# ----------------------------------------------------------------------------------------------
# Self-checks on the written files
# ----------------------------------------------------------------------------------------------

WORKED = {  # name -> expected data (and indices): hand-computed from API.md
    'adaptiveAvgPool1d worked example ramp out 3 from 5 [N1 C1 channelsFirst] float32': ([0.5, 2, 3.5], None),
    'adaptiveAvgPool1d worked example ramp out 3 from 5 [N1 C1 channelsFirst] int16': ([1, 2, 4], None),
    'adaptiveMaxPool1d worked example out 3 from 5 [N1 C1 channelsFirst] float64': ([3, 4, 5], [0, 2, 4]),
    'adaptiveMaxPool1d worked example out 3 from 5 [N1 C1 channelsFirst] uint8': ([3, 4, 5], [0, 2, 4]),
    'adaptiveAvgPool1d rounding ties windows of 2 out 6 from 12 [N1 C1 channelsFirst] int8': ([3, -3, 1, -1, 3, -3], None),
    'globalAvgPool rounding ties len 2 [N1 C6 channelsFirst] int16': ([2, -2, -2, 2, 2, -3], None),
    'globalAvgPool rounding ties len 2 [N1 C6 channelsFirst] uint8': ([2, 1, 3, 3, 2, 255], None),
    'lpPool1d worked example p2 k2 [N1 C1 channelsFirst] float32': ([5, 0], None),
    'lpPool1d worked example p1 k2 [N1 C1 channelsFirst] float64': ([-2, 0.75], None),
    'maxUnpool1d worked example duplicates last wins [N1 C1 channelsFirst] float32': ([0, 4, 0, 3, 0, 0, 0, 0], None),
    'maxUnpool1d worked example duplicates last wins [N1 C1 channelsFirst] int32': ([0, 4, 0, 3, 0, 0, 0, 0], None),
}


def check_file(path, fname):
    """Re-read the written file, decode every case, recompute it with the reference, and check
    the coverage the file promises."""
    with open(path, 'r', encoding='utf-8') as f:
        doc = json.load(f)
    if doc.get('generator') != GENERATOR or doc.get('torch') != torch.__version__:
        fail(f'{path}: bad header')
    families = FILES[fname]
    names, seen_options, dtypes, layouts, ops = set(), set(), set(), set(), set()
    for c in doc['cases']:
        fam = family_of(c['op'])
        keys = {'name', 'op', 'dtype', 'input', 'options', 'expected', 'source'} | (
            {'indices'} if fam == 'maxUnpool' else set())
        if set(c) != keys:
            fail(f'{c.get("name")}: bad keys {sorted(c)}')
        if c['name'] in names:
            fail(f'duplicate name {c["name"]}')
        names.add(c['name'])
        if fam not in families or c['dtype'] not in base.DTYPES or c['source'] not in ('torch', 'reference'):
            fail(f'{c["name"]}: bad op/dtype/source')
        if fam == 'lpPool' and c['dtype'] not in base.FLOAT_DTYPES:
            fail(f'{c["name"]}: lp pool is float only')
        opts = c['options']
        if set(opts) - OPTION_KEYS[fam]:
            fail(f'{c["name"]}: bad options {opts}')
        seen_options |= {(fam, k) for k in opts}
        x = base.dec_array(c['input']['data'], c['dtype'], c['input']['shape'])
        nd = nd_of(c['op'], list(x.shape))
        cl = bool(opts.get('channelsLast', False))
        canon, batched = base.to_canonical(x, nd, cl)
        indices = None
        if fam == 'maxUnpool':
            if c['indices']['shape'] != c['input']['shape']:
                fail(f'{c["name"]}: indices shape differs from the input shape')
            idx = np.array(c['indices']['data'], dtype=np.int64).reshape(c['indices']['shape'])
            if (idx < -2**31).any() or (idx >= 2**31).any():
                fail(f'{c["name"]}: indices do not fit Int32')
            indices = base.to_canonical(idx, nd, cl)[0]
        with np.errstate(all='ignore'):
            v, i = REFERENCE[fam](canon, nd, opts, c['dtype'], indices)
        exp = base.dec_array(c['expected']['data'], c['dtype'], c['expected']['shape'])
        if not base.bitwise_equal(base.from_canonical(v, batched, cl), exp):
            fail(f'{path}: case {c["name"]!r} does not re-check against the reference')
        if opts.get('returnIndices'):
            if c['expected'].get('indices') != base.from_canonical(i, batched, cl).ravel().tolist():
                fail(f'{path}: case {c["name"]!r} indices do not re-check')
        elif 'indices' in c['expected']:
            fail(f'{c["name"]}: indices without returnIndices')
        base.check_encoding(c)
        if c['name'] in WORKED:
            data, want_idx = WORKED[c['name']]
            if [base.dec_float(d) for d in c['expected']['data']] != [float(d) for d in data] or \
                    (want_idx is not None and c['expected'].get('indices') != want_idx):
                fail(f'worked example {c["name"]!r}: got {c["expected"]}, want {data} {want_idx}')
        dtypes.add(c['dtype'])
        layouts.add((batched, cl))
        ops.add(c['op'])
    want_options = {(fam, k) for fam in families for k in OPTION_KEYS[fam]}
    if seen_options != want_options:
        fail(f'{path}: options never used: {want_options - seen_options}')
    if dtypes != set(base.DTYPES) - (set(base.INT_DTYPES) if families == ('lpPool',) else set()):
        fail(f'{path}: dtypes never used: {set(base.DTYPES) - dtypes}')
    want_layouts = {(True, False), (True, True)} | (set() if families == GLOBAL_OPS else {(False, False), (False, True)})
    if layouts != want_layouts:
        fail(f'{path}: layouts never used: {want_layouts - layouts}')
    want_ops = {f'{fam}{nd}d' for fam in families if fam not in GLOBAL_OPS for nd in (1, 2, 3)} | \
        {fam for fam in families if fam in GLOBAL_OPS}
    if ops != want_ops:
        fail(f'{path}: ops never used: {want_ops - ops}')
    return {n for n in WORKED if n in names}


def main():
    t0 = time.time()
    torch.set_num_threads(1)  # max_unpool's duplicate order must not depend on threading
    os.makedirs(base.OUT_DIR, exist_ok=True)
    worked_found = set()
    for fname, build in BUILDERS.items():
        suite = Suite()
        build(suite)
        report = Report()
        cases = [compute_case(c, report) for c in suite.cases]
        header = '{"generator":%s,"torch":%s,"cases":[\n' % (json.dumps(GENERATOR), json.dumps(torch.__version__))
        body = ',\n'.join(json.dumps(c, separators=(',', ':'), allow_nan=False) for c in cases)
        text = header + body + '\n]}\n'
        path = os.path.join(base.OUT_DIR, fname)
        size = len(text.encode('utf-8'))
        if size > MAX_FILE_BYTES:
            fail(f'{path} would be {size} bytes, over {MAX_FILE_BYTES}')
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)
        worked_found |= check_file(path, fname)
        n_torch = sum(c['source'] == 'torch' for c in cases)
        per_op = collections.Counter(c['op'] for c in cases)
        print(f'{os.path.relpath(path, base.ROOT)}: {len(cases)} cases, {size} bytes; '
              f'{n_torch} torch (bitwise), {len(cases) - n_torch} reference')
        print('  per op: ' + ', '.join(f'{op} {n}' for op, n in sorted(per_op.items())))
        for why, n in sorted(report.reference_only.items(), key=lambda kv: -kv[1]):
            print(f'  reference: {n:4d}  {why}')
        for name, msg in report.refused:
            print(f'  torch refused {name!r}: {msg}')
        for q in report.quirks:
            print(f'  torch quirk: {q}')
        for (kind, dtype), tol in sorted(report.tolerance.items()):
            label = 'global-average tolerance' if kind == 'mean' else 'lp closeness'
            print(f'  {label} {base.SHORT[dtype]}: {tol}')
    if worked_found != set(WORKED):
        fail(f'worked examples missing: {set(WORKED) - worked_found}')
    print(f'done in {time.time() - t0:.1f} s')


if __name__ == '__main__':
    try:
        main()
    except base.GoldenError as e:
        print(f'generate_family_goldens.py: FAILED: {e}', file=sys.stderr)
        sys.exit(1)
