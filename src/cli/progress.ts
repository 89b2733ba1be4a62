/** A one-line progress bar on a terminal (files, pages, OCR pages, ETA); silent otherwise. */
export class Progress {
  private files = 0;
  private pages = 0;
  private ocrPages = 0;
  private readonly started = Date.now();
  private last = 0;

  constructor(
    private readonly enabled: boolean,
    private readonly totalFiles: number,
  ) {}

  page(ocr: boolean): void {
    this.pages++;
    if (ocr) this.ocrPages++;
    this.render();
  }

  fileDone(pagesSkipped: number): void {
    this.files++;
    this.pages += pagesSkipped;
    this.render(true);
  }

  /** Prints a line above the bar. */
  log(line: string): void {
    if (this.enabled) process.stderr.write('\r\x1b[K');
    process.stderr.write(`${line}\n`);
    this.render(true);
  }

  done(): void {
    if (this.enabled) process.stderr.write('\r\x1b[K');
  }

  private render(force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const elapsed = (now - this.started) / 1000;
    const eta = this.files > 0 ? Math.round((elapsed / this.files) * (this.totalFiles - this.files)) : null;
    const width = 24;
    const filled = Math.round((this.files / this.totalFiles) * width);
    const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
    process.stderr.write(
      `\r\x1b[K[${bar}] ${this.files}/${this.totalFiles} files · ${this.pages} pages · ${this.ocrPages} OCR · ETA ${eta === null ? '?' : `${eta}s`}`,
    );
  }
}
