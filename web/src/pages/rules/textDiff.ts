/** A piece of a side of a diff: kept on both sides, or only on this one. */
export interface DiffPiece {
  text: string;
  changed: boolean;
}

/** Words, runs of spaces, and single punctuation characters, so an edited operator or quote shows on its own. */
function tokens(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}_.]+|'(?:[^']|'')*'?|./gu) ?? [];
}

function merge(pieces: DiffPiece[]): DiffPiece[] {
  const out: DiffPiece[] = [];
  for (const p of pieces) {
    const last = out.at(-1);
    if (last && last.changed === p.changed) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/**
 * Side-by-side diff of two rule texts by tokens (longest common subsequence): what the old text lost and what the
 * new one gained. Rule texts are at most a few thousand characters, so the quadratic table stays small.
 */
export function diffTexts(before: string, after: string): { before: DiffPiece[]; after: DiffPiece[] } {
  const a = tokens(before);
  const b = tokens(after);
  const n = a.length;
  const m = b.length;
  const lcs: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const left: DiffPiece[] = [];
  const right: DiffPiece[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      left.push({ text: a[i]!, changed: false });
      right.push({ text: b[j]!, changed: false });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      left.push({ text: a[i++]!, changed: true });
    } else {
      right.push({ text: b[j++]!, changed: true });
    }
  }
  while (i < n) left.push({ text: a[i++]!, changed: true });
  while (j < m) right.push({ text: b[j++]!, changed: true });
  return { before: merge(left), after: merge(right) };
}
