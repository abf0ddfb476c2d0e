/** A one-line progress bar on a TTY (redrawn in place); elsewhere a line per 10% so logs stay readable. */
export class ProgressBar {
  private lastTenth = -1;
  private lastDrawn = '';

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly label: string,
    private readonly widthChars = 30,
  ) {}

  /** percent: 0-100. */
  update(percent: number, suffix = ''): void {
    const clamped = Math.max(0, Math.min(100, percent));
    if (this.out.isTTY) {
      const filled = Math.round((clamped / 100) * this.widthChars);
      const line = `${this.label} [${'#'.repeat(filled)}${'-'.repeat(this.widthChars - filled)}] ${clamped.toFixed(0).padStart(3)}%${suffix ? ` ${suffix}` : ''}`;
      if (line !== this.lastDrawn) this.out.write(`\r${line}\x1b[K`);
      this.lastDrawn = line;
      return;
    }
    const tenth = Math.floor(clamped / 10);
    if (tenth > this.lastTenth) {
      this.lastTenth = tenth;
      this.out.write(`${this.label} ${tenth * 10}%${suffix ? ` ${suffix}` : ''}\n`);
    }
  }

  done(message: string): void {
    this.out.write(this.out.isTTY ? `\r${message}\x1b[K\n` : `${message}\n`);
  }
}
