/**
 * A small terminal progress bar: `label [#########-----------]  45%`, redrawn in place with \r
 * at most every 100 ms. It draws only when the stream is a terminal (isTTY) and does nothing
 * otherwise, so piped and logged output stays clean.
 */

/** A progress bar. */
export interface Progress {
  /** Records progress; redraws when the last draw is old enough. */
  update(done: number, total: number): void;
  /** Erases the bar (when one was drawn). Further updates are ignored. */
  done(): void;
}

/** Tuning for tests and special terminals. */
export interface ProgressOptions {
  /** Least time between two draws, in ms (default 100). */
  readonly intervalMs?: number;
  /** Clock in ms (default Date.now; used for throttling only). */
  readonly now?: () => number;
}

const BAR_WIDTH = 30;

/**
 * Creates a progress bar on `stream` (usually process.stderr).
 * @example
 *   const bar = createProgress(process.stderr, 'generating');
 *   bar.update(500, 1000);
 *   bar.done();
 */
export function createProgress(stream: NodeJS.WriteStream, label: string, options: ProgressOptions = {}): Progress {
  if (stream.isTTY !== true) return { update: () => undefined, done: () => undefined };
  const interval = options.intervalMs ?? 100;
  const now = options.now ?? Date.now;
  let lastDraw = -Infinity;
  let lastLine = '';
  let finished = false;

  const draw = (done: number, total: number): void => {
    const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
    const filled = Math.round(fraction * BAR_WIDTH);
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    const columns = typeof stream.columns === 'number' && stream.columns > 0 ? stream.columns : 80;
    let line = `${label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent}`;
    if (line.length >= columns) line = line.slice(line.length - (columns - 1));
    if (line === lastLine) return;
    stream.write(`\r${line.padEnd(lastLine.length)}`);
    lastLine = line;
  };

  return {
    update(done: number, total: number): void {
      if (finished) return;
      const t = now();
      if (t - lastDraw < interval && done < total) return;
      lastDraw = t;
      draw(done, total);
    },
    done(): void {
      if (finished) return;
      finished = true;
      if (lastLine !== '') stream.write(`\r${' '.repeat(lastLine.length)}\r`);
    },
  };
}
