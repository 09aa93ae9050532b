/**
 * Files members share with the app, as Slack keeps them: `file_shared` tells the app a file id;
 * files.info (scope files:read) gives its name, size and `url_private_download`; that URL serves
 * the bytes only with `Authorization: Bearer <bot token>`. Without it Slack redirects to its
 * sign-in page (302, then an HTML page with status 200), never the file.
 * https://api.slack.com/events/file_shared  https://api.slack.com/methods/files.info
 * https://api.slack.com/types/file#authentication
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export interface MemberFile {
  id: string; name: string; user: string; channel: string; data: Buffer;
  /** The size files.info reports (the bytes' length unless a test says otherwise). */
  size: number;
  mimetype: string;
}

export interface FileDownload { path: string; authorization: string | undefined; status: number }

const PREFIX = "/files-pri/";
const SIGN_IN = "/signin";

export class SharedFiles {
  readonly files: MemberFile[] = [];
  readonly downloads: FileDownload[] = [];
  private n = 0;

  /** `reads`: whether a bot token may read this workspace's files (the workspace's own bot token). */
  constructor(private readonly team: string, private readonly base: () => string, private readonly reads: (token: string | undefined) => boolean) {}

  /** A member shares a file in a conversation: the file is kept, and the `file_shared` event Slack sends is returned. */
  share(o: { user: string; channel: string; name: string; data: Buffer; size?: number; mimetype?: string }): Record<string, unknown> {
    const id = `F0SHARED${++this.n}`;
    this.files.push({ id, name: o.name, user: o.user, channel: o.channel, data: o.data, size: o.size ?? o.data.length, mimetype: o.mimetype ?? "text/plain" });
    return { type: "file_shared", channel_id: o.channel, file_id: id, user_id: o.user, file: { id }, event_ts: `${Date.now() / 1_000}` };
  }

  /** files.info: the file object, with the private URLs (https://api.slack.com/types/file). */
  info(args: Record<string, unknown>): Record<string, unknown> {
    const f = this.files.find((x) => x.id === String(args.file));
    if (!f) return { ok: false, error: "file_not_found" };
    const path = `${PREFIX}${this.team}-${f.id}/${encodeURIComponent(f.name)}`;
    return {
      ok: true,
      file: {
        id: f.id, created: Math.floor(Date.now() / 1_000), name: f.name, title: f.name, mimetype: f.mimetype,
        filetype: f.name.split(".").pop() ?? "text", pretty_type: "Plain Text", user: f.user, size: f.size, mode: "hosted",
        is_external: false, is_public: false, url_private: `${this.base()}${path}`, url_private_download: `${this.base()}${path}/download`,
        permalink: `https://acme.slack.com/files/${f.user}/${f.id}/${f.name}`, channels: [], groups: [], ims: [f.channel],
      },
      comments: [], response_metadata: { next_cursor: "" },
    };
  }

  serves(url: URL): boolean {
    return url.pathname.startsWith(PREFIX) || url.pathname === SIGN_IN;
  }

  serve(req: IncomingMessage, url: URL, res: ServerResponse): void {
    if (url.pathname === SIGN_IN) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end("<!DOCTYPE html><html><head><title>Sign in | Slack</title></head><body>Sign in to Acme</body></html>");
      return;
    }
    const authorization = req.headers.authorization;
    const id = /^\/files-pri\/[^-]+-([^/]+)\//.exec(url.pathname)?.[1];
    const f = this.files.find((x) => x.id === id);
    const record = (status: number) => this.downloads.push({ path: url.pathname, authorization, status });
    if (!authorization?.startsWith("Bearer ") || !this.reads(authorization.slice("Bearer ".length))) {
      record(302);
      res.writeHead(302, { location: `${this.base()}${SIGN_IN}?redir=${encodeURIComponent(url.pathname)}` });
      res.end();
      return;
    }
    if (!f) {
      record(404);
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("file not found");
      return;
    }
    record(200);
    res.writeHead(200, { "content-type": f.mimetype, "content-length": String(f.data.length) });
    res.end(f.data);
  }
}
