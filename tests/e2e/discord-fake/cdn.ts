/**
 * The fake's CDN for files members attach to slash commands. Discord gives the bot an attachment
 * object with the file's size and a signed, expiring link
 * (`/ephemeral-attachments/<app>/<id>/<name>?ex=<expiry>&is=<issued>&hm=<signature>`); a link
 * without a valid signature, or past its expiry, answers 404 "This content is no longer
 * available." as Discord's CDN does.
 * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-resolved-data-structure
 * https://discord.com/developers/docs/resources/message#attachment-object
 */
import { createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

const PREFIX = "/ephemeral-attachments/";
const SECRET = "fake-cdn-secret";

/** The attachment object of `data.resolved.attachments`, as Discord sends it. */
export interface ResolvedAttachment {
  id: string; filename: string; size: number; url: string; proxy_url: string; content_type: string; ephemeral: true;
}

export interface CdnFetch { path: string; status: number }

interface Stored { id: string; path: string; data: Buffer; contentType: string; expiresAt: number }

const sign = (path: string, ex: string, is: string) => createHmac("sha256", SECRET).update(`${path}|${ex}|${is}`).digest("hex");

export class FakeCdn {
  /** Every download asked of the CDN, answered or not. */
  readonly fetches: CdnFetch[] = [];
  private readonly files = new Map<string, Stored>();

  add(base: string, appId: string, id: string, filename: string, data: Buffer, o: { contentType?: string; size?: number }): ResolvedAttachment {
    const path = `${PREFIX}${appId}/${id}/${encodeURIComponent(filename)}`;
    const issued = Math.floor(Date.now() / 1_000);
    const expiresAt = issued + 24 * 3_600;
    const ex = expiresAt.toString(16);
    const is = issued.toString(16);
    const contentType = o.contentType ?? "application/octet-stream";
    this.files.set(path, { id, path, data, contentType, expiresAt });
    const url = `${base}${path}?ex=${ex}&is=${is}&hm=${sign(path, ex, is)}&`;
    return { id, filename, size: o.size ?? data.length, url, proxy_url: url.replace("/ephemeral-attachments/", "/media/ephemeral-attachments/"), content_type: contentType, ephemeral: true };
  }

  /** The file is gone from the CDN (its link expired): a download now gets 404. */
  expire(id: string): void {
    for (const f of this.files.values()) if (f.id === id) f.expiresAt = 0;
  }

  serves(url: URL): boolean {
    return url.pathname.startsWith(PREFIX);
  }

  serve(req: IncomingMessage, url: URL, res: ServerResponse): void {
    const file = this.files.get(url.pathname);
    const [ex, is, hm] = ["ex", "is", "hm"].map((k) => url.searchParams.get(k) ?? "");
    const valid = req.method === "GET" && file && hm === sign(url.pathname, ex!, is!) && parseInt(ex!, 16) * 1_000 > Date.now() && file.expiresAt * 1_000 > Date.now();
    this.fetches.push({ path: url.pathname, status: valid ? 200 : 404 });
    if (!valid) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("This content is no longer available.");
      return;
    }
    res.writeHead(200, { "content-type": file.contentType, "content-length": String(file.data.length) });
    res.end(file.data);
  }
}
