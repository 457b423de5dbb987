/** Discord's rule for the shard that receives a server's events, which the tests check the bot follows: its id's timestamp bits modulo the shard count. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
