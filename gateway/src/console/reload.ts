import { statSync } from "node:fs";

/** How often, at most, the console's files are looked at for a new build. */
export const CONSOLE_RELOAD_INTERVAL_MS = 1_000;

export function modifiedAt(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Whether any of `files` changed (modification time, size, or existence) since the last look; looks at most once per
 * `intervalMs`, by a `stat` of each file, so a request costs nothing more in between and no watcher is left running.
 */
export class ChangeCheck {
  private stamp: string;
  private lastLook = 0;

  constructor(
    private readonly files: readonly string[],
    private readonly intervalMs = CONSOLE_RELOAD_INTERVAL_MS,
  ) {
    this.stamp = this.read();
  }

  private read(): string {
    return this.files
      .map((file) => {
        try {
          const s = statSync(file);
          return `${s.mtimeMs}:${s.size}`;
        } catch {
          return "-";
        }
      })
      .join("|");
  }

  changed(now = Date.now()): boolean {
    if (now - this.lastLook < this.intervalMs) return false;
    this.lastLook = now;
    const stamp = this.read();
    if (stamp === this.stamp) return false;
    this.stamp = stamp;
    return true;
  }
}
