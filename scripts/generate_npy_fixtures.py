# Writes the .npy files test/cli/npy.test.ts reads, with NumPy (Debian's python3-numpy):
#   /usr/bin/python3 scripts/generate_npy_fixtures.py
import io
import os

import numpy as np

out = os.path.join(os.path.dirname(__file__), '..', 'test', 'cli', 'fixtures')
os.makedirs(out, exist_ok=True)


def save(name, array, version=None):
    path = os.path.join(out, name)
    if version is None:
        np.save(path, array)
    else:
        with open(path, 'wb') as f:
            np.lib.format.write_array(f, array, version=version)


save('float32_2x3x4.npy', np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 4)
save('float64_1x1x3x3.npy', np.linspace(-1, 1, 9).reshape(1, 1, 3, 3))
save('uint8_1x3x5x6.npy', (np.arange(90) * 37 % 256).astype(np.uint8).reshape(1, 3, 5, 6))
save('int8_4.npy', np.array([-128, -1, 0, 127], dtype=np.int8))
save('int16_2x5.npy', (np.arange(10, dtype=np.int16) * -3001).reshape(2, 5))
save('uint16_3x2.npy', (np.arange(6, dtype=np.uint16) * 10007).reshape(3, 2))
save('int32_2x2x2.npy', (np.arange(8, dtype=np.int32) * -123456789).reshape(2, 2, 2))
save('uint32_5.npy', np.array([0, 1, 2**31, 2**32 - 1, 12345], dtype=np.uint32))
save('version2_float32_2x3.npy', np.arange(6, dtype=np.float32).reshape(2, 3), version=(2, 0))
save('fortran_float32_2x3.npy', np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))
save('bigendian_float32_4.npy', np.arange(4, dtype='>f4'))
save('bool_4.npy', np.array([True, False, True, True]))
