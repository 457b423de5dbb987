import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSnapshotFile, writeSnapshotFile } from "../../src/knowledge/snapshot-file.js";

const work = mkdtempSync(join(tmpdir(), "csto-snapshot-file-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const value = {
  name: "Организация «ОДКБ»",
  lists: { start: Int32Array.from([0, 2, 5]), values: Int32Array.from([7, -1, 3, 2 ** 31 - 1, 0]) },
  meanings: Int8Array.from([1, -128, 127]),
  // Three bytes above put this one off an eight-byte boundary unless the writer pads.
  importance: Float64Array.from([0.5, 1e-9, -3]),
  nested: [{ inArray: Int32Array.from([42]) }, "plain", 3],
};

describe("the snapshot file", () => {
  it("gives back every value, typed arrays as the same type and numbers, text past ASCII unchanged", () => {
    const path = join(work, "round-trip");
    writeSnapshotFile(path, value);
    const read = readSnapshotFile(path) as typeof value;
    expect(read).toEqual(value);
    expect(read.lists.values).toBeInstanceOf(Int32Array);
    expect(read.importance).toBeInstanceOf(Float64Array);
    expect(read.nested[0]).toEqual({ inArray: Int32Array.from([42]) });
  });

  it("keeps its JSON to ASCII, so that it reads back as one byte a character", () => {
    const path = join(work, "ascii");
    writeSnapshotFile(path, value);
    const bytes = readFileSync(path);
    const json = bytes.subarray(8 + bytes.readUInt32LE(0));
    expect(json.every((byte) => byte < 0x80)).toBe(true);
  });

  it("throws when the file is cut short or missing", () => {
    const path = join(work, "cut");
    writeSnapshotFile(path, value);
    writeFileSync(path, readFileSync(path).subarray(0, 40));
    expect(() => readSnapshotFile(path)).toThrow();
    expect(() => readSnapshotFile(join(work, "none"))).toThrow();
  });
});
