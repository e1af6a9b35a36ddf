// A reader for numpy .npy arrays (format versions 1–3) and .npz archives of them.
import { readFileSync } from 'node:fs';
import { readZip } from './zip.js';

export class NpyFormatError extends Error {
  override name = 'NpyFormatError';
}

/** An n-dimensional array with its values converted to float64, always in C (row-major) order. */
export interface NumericArray {
  shape: number[];
  values: Float64Array;
}

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY

type ElementReader = (view: DataView, offset: number, littleEndian: boolean) => number;

const ELEMENT_TYPES: Record<string, { size: number; read: ElementReader }> = {
  f8: { size: 8, read: (v, o, le) => v.getFloat64(o, le) },
  f4: { size: 4, read: (v, o, le) => v.getFloat32(o, le) },
  i8: { size: 8, read: (v, o, le) => Number(v.getBigInt64(o, le)) },
  i4: { size: 4, read: (v, o, le) => v.getInt32(o, le) },
  i2: { size: 2, read: (v, o, le) => v.getInt16(o, le) },
  i1: { size: 1, read: (v, o) => v.getInt8(o) },
  u8: { size: 8, read: (v, o, le) => Number(v.getBigUint64(o, le)) },
  u4: { size: 4, read: (v, o, le) => v.getUint32(o, le) },
  u2: { size: 2, read: (v, o, le) => v.getUint16(o, le) },
  u1: { size: 1, read: (v, o) => v.getUint8(o) },
  b1: { size: 1, read: (v, o) => (v.getUint8(o) === 0 ? 0 : 1) },
};

interface NpyHeader {
  byteOrder: string;
  kind: string;
  fortranOrder: boolean;
  shape: number[];
}

/** The header is a Python dict literal; these three keys are all numpy writes. */
function parseHeader(text: string): NpyHeader {
  const descr = /'descr'\s*:\s*'([<>|=])([a-z]\d+)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shape) throw new NpyFormatError(`Unsupported .npy header: ${text.trim()}`);
  const dims = shape[1]!.split(',').map((part) => part.trim()).filter((part) => part !== '');
  return {
    byteOrder: descr[1]!,
    kind: descr[2]!,
    fortranOrder: fortran[1] === 'True',
    shape: dims.map((dim) => {
      const value = Number(dim.replace(/L$/, ''));
      if (!Number.isSafeInteger(value) || value < 0) throw new NpyFormatError(`Bad dimension ${dim} in .npy shape.`);
      return value;
    }),
  };
}

export function readNpy(bytes: Buffer): NumericArray {
  if (bytes.length < 10 || !bytes.subarray(0, 6).equals(MAGIC)) throw new NpyFormatError('Not a .npy file (bad magic).');
  const major = bytes[6]!;
  const headerLengthSize = major === 1 ? 2 : major === 2 || major === 3 ? 4 : 0;
  if (headerLengthSize === 0) throw new NpyFormatError(`Unsupported .npy format version ${major}.`);
  const headerLength = headerLengthSize === 2 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const dataStart = 8 + headerLengthSize + headerLength;
  if (dataStart > bytes.length) throw new NpyFormatError('Truncated .npy header.');
  const header = parseHeader(bytes.toString(major === 3 ? 'utf8' : 'latin1', 8 + headerLengthSize, dataStart));
  const element = ELEMENT_TYPES[header.kind];
  if (!element) throw new NpyFormatError(`Unsupported .npy dtype ${header.byteOrder}${header.kind}.`);
  const count = header.shape.reduce((product, dim) => product * dim, 1);
  if (dataStart + count * element.size > bytes.length) {
    throw new NpyFormatError(`Truncated .npy data: ${count} elements of ${element.size} bytes do not fit.`);
  }
  // '=' is native order; every platform Node ships on is little-endian.
  const littleEndian = header.byteOrder !== '>';
  const view = new DataView(bytes.buffer, bytes.byteOffset + dataStart, count * element.size);
  const values = new Float64Array(count);
  if (!header.fortranOrder || header.shape.length < 2) {
    for (let i = 0; i < count; i++) values[i] = element.read(view, i * element.size, littleEndian);
  } else {
    // Fortran order: the first index varies fastest. Convert to C order.
    const { shape } = header;
    const cStrides = new Array<number>(shape.length);
    let stride = 1;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      cStrides[axis] = stride;
      stride *= shape[axis]!;
    }
    const index = new Array<number>(shape.length).fill(0);
    for (let i = 0; i < count; i++) {
      let target = 0;
      for (let axis = 0; axis < shape.length; axis++) target += index[axis]! * cStrides[axis]!;
      values[target] = element.read(view, i * element.size, littleEndian);
      for (let axis = 0; axis < shape.length; axis++) {
        index[axis] = index[axis]! + 1;
        if (index[axis]! < shape[axis]!) break;
        index[axis] = 0;
      }
    }
  }
  return { shape: header.shape, values };
}

/** Reads every array of an .npz archive, keyed by name without the .npy suffix. */
export function readNpz(path: string): Map<string, NumericArray> {
  const arrays = new Map<string, NumericArray>();
  for (const [name, bytes] of readZip(readFileSync(path))) {
    arrays.set(name.replace(/\.npy$/, ''), readNpy(bytes));
  }
  return arrays;
}
