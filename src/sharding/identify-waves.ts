/**
 * The order in which shards may connect. Discord lets `maxConcurrency` shards identify in the same
 * 5 seconds, one per rate-limit bucket (`id % maxConcurrency`): ids 0 to maxConcurrency-1 form the
 * first wave, the next maxConcurrency ids the second, and so on.
 */
export function identifyWaves(ids: readonly number[], maxConcurrency: number): number[][] {
  const waves = new Map<number, number[]>();
  for (const id of [...ids].sort((a, b) => a - b)) {
    const wave = Math.floor(id / maxConcurrency);
    waves.set(wave, [...(waves.get(wave) ?? []), id]);
  }
  return [...waves.values()];
}
