/** Discord's rule for the shard that receives a server's events: its id's timestamp bits modulo the shard count. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
