import { describe, expect, it } from "vitest";
import { identifyWaves } from "../../src/sharding/identify-waves.js";
import { shardOfGuild } from "./shard-of.js";

describe("which shard serves a server", () => {
  it("follows Discord's rule (guild_id >> 22) % shard_count, on ids beyond 2^53", () => {
    // 2^22 * 1_000_000_000_005 plus low bits that must not matter: timestamp part 1_000_000_000_005.
    const id = ((1_000_000_000_005n << 22n) | 0x3fffffn).toString();
    expect(id.length).toBeGreaterThanOrEqual(17);
    expect(shardOfGuild(id, 2)).toBe(1);
    expect(shardOfGuild(id, 10)).toBe(5);
    expect(shardOfGuild(id, 1)).toBe(0);
  });
});

describe("the order shards connect in", () => {
  it("starts max_concurrency shards together, one per rate-limit bucket", () => {
    expect(identifyWaves([0, 1, 2, 3, 4], 2)).toEqual([[0, 1], [2, 3], [4]]);
    expect(identifyWaves([5, 1, 3], 1)).toEqual([[1], [3], [5]]);
    expect(identifyWaves([8, 9, 12, 15], 4)).toEqual([[8, 9], [12, 15]]);
  });
});
