/** Reads a PNG's header and pixel bytes (enough to tell a drawn chart from a blank image). */
import { inflateSync } from "node:zlib";

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function pngInfo(png: Buffer): { isPng: boolean; width: number; height: number; distinctBytes: number } {
  const isPng = PNG_SIGNATURE.every((b, i) => png[i] === b) && png.toString("latin1", 12, 16) === "IHDR";
  // IHDR data starts at byte 16: width and height as big-endian 32-bit integers.
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    if (png.toString("latin1", at + 4, at + 8) === "IDAT") idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const pixels = idat.length ? inflateSync(Buffer.concat(idat)) : Buffer.alloc(0);
  return { isPng, width, height, distinctBytes: new Set(pixels).size };
}
