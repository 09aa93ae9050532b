/** Reply attachments on the console: written to a folder, each under a unique name, and the path printed. */
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import type { Attachment } from "../../bot/reply.js";

export const defaultFilesDir = () => join(tmpdir(), "prepcoach");

/** Writes each file; returns the line to print for each ("Chart saved to /tmp/prepcoach/…png"). */
export async function saveAttachments(files: readonly Attachment[], dir: string): Promise<string[]> {
  if (files.length === 0) return [];
  await mkdir(dir, { recursive: true });
  const lines: string[] = [];
  for (const f of files) {
    const safe = f.name.replace(/[^\w.-]+/g, "-");
    const ext = extname(safe);
    // A short random suffix: two /stats on one day must not overwrite each other.
    const path = join(dir, `${safe.slice(0, safe.length - ext.length)}-${randomUUID().slice(0, 8)}${ext}`);
    await writeFile(path, Buffer.from(f.data, "base64"));
    lines.push(`${f.contentType === "image/png" ? "Chart" : "File"} saved to ${path}`);
  }
  return lines;
}
