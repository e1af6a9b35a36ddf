// The .npz/.npy readers of scripts/odds on the smallest real ODDS file, checked
// against values printed by numpy 2.4: numpy.load('6_cardio.npz')['X'][i, j].
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readNpy, readNpz } from '../../scripts/odds/npy.js';
import { readZip } from '../../scripts/odds/zip.js';

const CARDIO = '../shared/data/odds/6_cardio.npz';

test('reads X and y of the cardio benchmark as numpy does (Fortran order converted to C order)', () => {
  const arrays = readNpz(CARDIO);
  assert.deepEqual([...arrays.keys()].sort(), ['X', 'y']);
  const X = arrays.get('X')!;
  const y = arrays.get('y')!;
  assert.deepEqual(X.shape, [1831, 21]);
  assert.deepEqual(y.shape, [1831]);
  const at = (i: number, j: number): number => X.values[i * 21 + j]!;
  assert.equal(at(0, 0), 0.004912314661768384);
  assert.equal(at(0, 20), -0.49329396944014214);
  assert.equal(at(1830, 0), -0.4183558333709617);
  assert.equal(at(917, 5), -0.06140064449540183);
  assert.equal(y.values.reduce((a, b) => a + b, 0), 176);
  assert.deepEqual(
    [...y.values.keys()].filter((i) => y.values[i] === 1).slice(0, 5),
    [1655, 1656, 1657, 1658, 1659],
  );
});

test('a corrupted archive is refused, not misread', () => {
  const bytes = Buffer.from(readFileSync(CARDIO));
  bytes[2000] = bytes[2000]! ^ 0xff; // inside X.npy's deflate stream
  assert.throws(() => readZip(bytes));
  assert.throws(() => readZip(bytes.subarray(0, 1000)), /end-of-central-directory/);
});

function npy(header: string, data: Buffer): Buffer {
  const unpadded = 10 + header.length + 1;
  const padded = header + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const prefix = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(prefix);
  prefix.writeUInt16LE(padded.length, 8);
  return Buffer.concat([prefix, Buffer.from(padded, 'latin1'), data]);
}

test('reads C and Fortran order, ints, bools and big-endian floats', () => {
  const int16 = Buffer.alloc(12);
  [1, 2, 3, 4, 5, 6].forEach((v, i) => int16.writeInt16LE(v, i * 2));
  // Same bytes, two orders: C order is [[1,2,3],[4,5,6]]; Fortran order is [[1,3,5],[2,4,6]].
  assert.deepEqual(Array.from(readNpy(npy("{'descr': '<i2', 'fortran_order': False, 'shape': (2, 3), }", int16)).values), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(Array.from(readNpy(npy("{'descr': '<i2', 'fortran_order': True, 'shape': (2, 3), }", int16)).values), [1, 3, 5, 2, 4, 6]);
  assert.deepEqual(Array.from(readNpy(npy("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", Buffer.from([0, 1, 2]))).values), [0, 1, 1]);
  const big = Buffer.alloc(8);
  big.writeDoubleBE(-2.5, 0);
  assert.deepEqual(Array.from(readNpy(npy("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", big)).values), [-2.5]);
  assert.throws(() => readNpy(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", big)), /Truncated/);
  assert.throws(() => readNpy(npy("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", big)), /Unsupported .npy dtype/);
  assert.throws(() => readNpy(Buffer.from('not numpy at all')), /bad magic/);
});
