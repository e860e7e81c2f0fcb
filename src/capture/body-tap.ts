/** A body passing through the proxy: every byte counted, the first `cap` bytes kept for reading usage. */
export const BODY_CAP_BYTES = 16 * 1024 * 1024;

export class BodyTap {
  bytes = 0;
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private overflow = false;

  constructor(private readonly cap = BODY_CAP_BYTES) {}

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.overflow) return;
    if (this.kept + chunk.length > this.cap) {
      // A partial body would parse as nonsense: keep none of it rather than half.
      this.overflow = true;
      this.chunks.length = 0;
      return;
    }
    this.chunks.push(chunk);
    this.kept += chunk.length;
  }

  /** The whole body, or null when it was empty or larger than the cap. */
  body(): Buffer | null {
    if (this.overflow || this.kept === 0) return null;
    return Buffer.concat(this.chunks, this.kept);
  }
}
