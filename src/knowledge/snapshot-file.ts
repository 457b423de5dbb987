import { closeSync, openSync, readSync, writeFileSync } from "node:fs";

/**
 * The layout of the build's snapshot file: a header of two byte counts, the raw bytes of every typed
 * array in the value, then the rest of the value as JSON. Megabytes of numbers as JSON or base64
 * cost start-up their reading, parsing and decoding; as bytes they are read straight into place.
 */
const TYPED_ARRAYS = { Int8Array, Int32Array, Float64Array } as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;
type TypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

/** Where a typed array was in the value, and where its bytes are. */
interface PlacedArray {
  path: string[];
  type: TypedArrayName;
  byteOffset: number;
  length: number;
}

/** Byte counts of the typed arrays and of the JSON, each a 32-bit unsigned integer. */
const HEADER_BYTES = 8;
/** Every typed array starts at a multiple of this, the largest element size. */
const ALIGNMENT = 8;

const typedArrayName = (value: unknown): TypedArrayName | undefined =>
  (Object.keys(TYPED_ARRAYS) as TypedArrayName[]).find((name) => value instanceof TYPED_ARRAYS[name]);

/**
 * JSON with every character past ASCII escaped: read back, the text is a string of one byte per
 * character, half the memory of the two bytes that a single curly quote would make of all of it.
 */
function asciiJson(value: unknown, replacer?: (this: unknown, key: string, value: unknown) => unknown): string {
  return JSON.stringify(value, replacer).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Writes `value` to `path`: its Int8Array, Int32Array and Float64Array properties as bytes, the rest as JSON. */
export function writeSnapshotFile(path: string, value: object): void {
  const placed: PlacedArray[] = [];
  const chunks: Buffer[] = [];
  let binaryBytes = 0;
  // JSON.stringify asks the replacer about an object before it walks into it, so each holder's path is known by then.
  const pathOf = new Map<unknown, string[]>();
  const json = asciiJson(value, function (this: unknown, key: string, member: unknown) {
    if (typeof member !== "object" || member === null) return member;
    const holderPath = pathOf.get(this);
    const path = holderPath ? [...holderPath, key] : [];
    const type = typedArrayName(member);
    if (!type) {
      pathOf.set(member, path);
      return member;
    }
    const typed = member as TypedArray;
    const padding = (ALIGNMENT - (binaryBytes % ALIGNMENT)) % ALIGNMENT;
    chunks.push(Buffer.alloc(padding), Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength));
    binaryBytes += padding;
    placed.push({ path, type, byteOffset: binaryBytes, length: typed.length });
    binaryBytes += typed.byteLength;
    return undefined;
  });
  const text = Buffer.from(`{"placed":${asciiJson(placed)},"value":${json}}`, "latin1");
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(binaryBytes, 0);
  header.writeUInt32LE(text.length, 4);
  writeFileSync(path, Buffer.concat([header, ...chunks, text]));
}

/** Fills `target` from the file at `position`; a file cut short throws. */
function readExactly(fd: number, target: Buffer, position: number): void {
  let done = 0;
  while (done < target.length) {
    const read = readSync(fd, target, done, target.length - done, position + done);
    if (read === 0) throw new Error("the snapshot file is cut short");
    done += read;
  }
}

/** The value writeSnapshotFile wrote, its typed arrays views of one buffer. Throws when the file is missing or damaged. */
export function readSnapshotFile(path: string): unknown {
  const fd = openSync(path, "r");
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    readExactly(fd, header, 0);
    // A buffer of its own, not a slice of Node's pool, so that it starts aligned for every view.
    const binary = Buffer.allocUnsafeSlow(header.readUInt32LE(0));
    readExactly(fd, binary, HEADER_BYTES);
    const text = Buffer.allocUnsafeSlow(header.readUInt32LE(4));
    readExactly(fd, text, HEADER_BYTES + binary.length);
    // The JSON is ASCII (see asciiJson): read as Latin-1 it is the same text, without checking UTF-8.
    const { placed, value } = JSON.parse(text.toString("latin1")) as { placed: PlacedArray[]; value: Record<string, unknown> };
    for (const { path, type, byteOffset, length } of placed) {
      const holder = path.slice(0, -1).reduce<Record<string, unknown>>((object, key) => object[key] as Record<string, unknown>, value);
      holder[path.at(-1)!] = new TYPED_ARRAYS[type](binary.buffer, binary.byteOffset + byteOffset, length);
    }
    return value;
  } finally {
    closeSync(fd);
  }
}
