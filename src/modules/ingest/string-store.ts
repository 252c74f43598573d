/**
 * The shared strings of a workbook, held compactly while its sheets are read: strings are joined into blocks with
 * an offset table, instead of one string object each. Millions of unique values (every ID number and name of a
 * large roster) would otherwise cost about 80 bytes each: an object per string, and slices that keep the inflated
 * XML they were cut from alive. Joined, they cost their characters and four bytes.
 */
const BLOCK = 1 << 16;

export interface StringTable {
  get(index: number): string | undefined;
  readonly size: number;
}

export class StringStore implements StringTable {
  private readonly blocks: string[] = [];
  private readonly offsets: Uint32Array[] = [];
  private pending: string[] = [];
  private pendingOffsets = new Uint32Array(BLOCK + 1);
  private count = 0;

  push(s: string): void {
    const k = this.pending.length;
    this.pending.push(s);
    this.pendingOffsets[k + 1] = this.pendingOffsets[k]! + s.length;
    this.count++;
    if (this.pending.length === BLOCK) this.seal();
  }

  /** Joins the pending strings into a block; call once all are pushed. */
  seal(): void {
    if (this.pending.length === 0) return;
    this.blocks.push(this.pending.join(''));
    this.offsets.push(this.pendingOffsets.slice(0, this.pending.length + 1));
    this.pending = [];
    this.pendingOffsets = new Uint32Array(BLOCK + 1);
  }

  get size(): number {
    return this.count;
  }

  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    const b = index >>> 16;
    const block = this.blocks[b];
    if (block === undefined) {
      // Not sealed yet: only while the store is being filled.
      const k = index - this.blocks.length * BLOCK;
      return this.pending[k];
    }
    const offsets = this.offsets[b]!;
    const k = index & (BLOCK - 1);
    return block.slice(offsets[k], offsets[k + 1]);
  }
}
