// A minimal reader for the zip archives numpy writes (.npz): central directory,
// stored or deflated entries, zip64 sizes. No dependencies beyond node:zlib.
import { crc32, inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const MAX_COMMENT = 0xffff;

export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

function need(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ZipFormatError(message);
}

interface CentralEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - 22 - MAX_COMMENT);
  for (let at = zip.length - 22; at >= lowest; at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new ZipFormatError('No end-of-central-directory record: not a zip archive.');
}

/** Sizes and offsets saturated at 0xFFFFFFFF live in the zip64 extra field, in this order. */
function applyZip64(entry: CentralEntry, extra: Buffer): void {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA) {
      let field = at + 4;
      const next = (): number => {
        need(field + 8 <= at + 4 + length, `Truncated zip64 field in entry ${entry.name}.`);
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + length;
  }
}

function readCentralDirectory(zip: Buffer): CentralEntry[] {
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  const directoryOffset = zip.readUInt32LE(end + 16);
  need(directoryOffset + directorySize <= end, 'Central directory lies outside the archive.');
  const entries: CentralEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    need(at + 46 <= end && zip.readUInt32LE(at) === CENTRAL_FILE_HEADER, `Bad central directory entry ${i}.`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    need(at + 46 + nameLength + extraLength + commentLength <= end, `Central directory entry ${i} overruns.`);
    const entry: CentralEntry = {
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    };
    applyZip64(entry, zip.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function extract(zip: Buffer, entry: CentralEntry): Buffer {
  const header = entry.localHeaderOffset;
  need(header + 30 <= zip.length && zip.readUInt32LE(header) === LOCAL_FILE_HEADER, `Bad local header for ${entry.name}.`);
  // The local header's own sizes may be placeholders (numpy streams with force_zip64); trust the central directory.
  const dataStart = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
  need(dataStart + entry.compressedSize <= zip.length, `Entry ${entry.name} runs past the end of the archive.`);
  const raw = zip.subarray(dataStart, dataStart + entry.compressedSize);
  let data: Buffer;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
  else throw new ZipFormatError(`Entry ${entry.name} uses compression method ${entry.method}; only stored and deflate are supported.`);
  need(data.length === entry.size, `Entry ${entry.name} inflates to ${data.length} bytes, the directory says ${entry.size}.`);
  need(crc32(data) === entry.crc, `Entry ${entry.name} fails its CRC-32 check.`);
  return data;
}

/** All entries of a zip archive by name, decompressed and CRC-checked. */
export function readZip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readCentralDirectory(zip)) files.set(entry.name, extract(zip, entry));
  return files;
}
