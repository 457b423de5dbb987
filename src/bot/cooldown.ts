/** Per-user cooldown between answering commands, so one person cannot flood a channel. */
export class Cooldown {
  private readonly lastUse = new Map<string, number>();

  constructor(
    private readonly seconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds the user still has to wait, or 0 after recording this use. */
  take(userId: string): number {
    if (this.seconds <= 0) return 0;
    const now = this.now();
    const last = this.lastUse.get(userId);
    const waitMs = last === undefined ? 0 : last + this.seconds * 1000 - now;
    if (waitMs > 0) return Math.ceil(waitMs / 1000);
    this.lastUse.set(userId, now);
    // Forget users whose cooldown has long passed, so the map stays small.
    if (this.lastUse.size > 10_000) {
      for (const [user, at] of this.lastUse) if (now - at > this.seconds * 1000) this.lastUse.delete(user);
    }
    return 0;
  }
}
