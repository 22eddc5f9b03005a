/**
 * A live progress bar for the demo: redrawn in place on a terminal, one plain line per update
 * when stderr is not a terminal (CI logs, pipes).
 */

export interface ProgressView {
  update(fraction: number, message: string): void;
  done(message: string): void;
}

export function createProgressView(stream: NodeJS.WriteStream = process.stderr): ProgressView {
  const tty = Boolean(stream.isTTY);
  const width = 30;
  let last = '';
  return {
    update(fraction, message) {
      const f = Math.max(0, Math.min(1, fraction));
      const filled = Math.round(f * width);
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(f * 100)).padStart(3)}% ${message}`;
      if (tty) stream.write(`\r\x1b[2K${line}`);
      else if (line !== last) stream.write(`${line}\n`);
      last = line;
    },
    done(message) {
      if (tty) stream.write('\r\x1b[2K');
      stream.write(`${message}\n`);
    },
  };
}
