/** How a start-up hands what it opened to the shutdown, and how it ends the process itself. */
export interface Lifecycle {
  /** Registers something to close on the way out; the last registered closes first. */
  onClose(close: () => void | Promise<void>): void;
  /** Closes everything and exits; `reason` is the signal or what else ended the process. */
  stop(reason: string): Promise<void>;
  /** True once a stop began: what start-up still does is cut short, not a failure. */
  readonly stopping: boolean;
}
