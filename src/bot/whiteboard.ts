/**
 * A fresh shared whiteboard for every mock: an Excalidraw collaboration room. Its link carries
 * the room id (20 hex characters) and the end-to-end key (22 base64url characters: 16 random
 * bytes) after `#room=`, so no account and no server of ours is involved, and the key never
 * reaches Excalidraw's server (it is in the fragment). The format is what excalidraw.com itself
 * generates (excalidraw-app/data: generateRoomId, generateEncryptionKey).
 */
import type { Random } from "./ports.js";

const bytesOf = (random: Random, n: number): Uint8Array =>
  random.bytes ? random.bytes(n) : Uint8Array.from({ length: n }, () => Math.floor(random.next() * 256));

export function whiteboardLink(random: Random): string {
  const room = Buffer.from(bytesOf(random, 10)).toString("hex");
  const key = Buffer.from(bytesOf(random, 16)).toString("base64url");
  return `https://excalidraw.com/#room=${room},${key}`;
}

/** The opening's line about the board: what it is and how to share it. */
export function whiteboardLine(link: string, peer: boolean): string {
  return peer
    ? `**Whiteboard:** ${link} — a fresh Excalidraw room for the two of you; open it both and draw together (no account needed).`
    : `**Whiteboard:** ${link} — a fresh Excalidraw room for your diagrams; to practise with a peer, send them this link and you both draw live (no account needed).`;
}
