/**
 * Discord's multipart/form-data bodies (messages with files): a `payload_json` part holding the
 * JSON body and one `files[n]` part per file, whose `n` the body's `attachments[].id` refers to.
 * https://discord.com/developers/docs/reference#uploading-files
 */

export interface UploadedFile { field: string; filename: string; contentType: string; data: Buffer }

export interface ParsedMultipart { payload: unknown; files: UploadedFile[]; problems: string[] }

/** A placeholder attachment id (an index into `files[n]`), as opposed to an existing attachment's snowflake. */
const isPlaceholder = (id: unknown) => /^\d{1,4}$/.test(String(id));

export async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedMultipart> {
  // Node's fetch Response parses multipart/form-data with the boundary from the header.
  const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
  const files: UploadedFile[] = [];
  const problems: string[] = [];
  let payload: unknown;
  for (const [field, value] of form) {
    if (field === "payload_json" && typeof value === "string") payload = JSON.parse(value);
    else if (/^files\[\d+\]$/.test(field) && typeof value !== "string") {
      files.push({ field, filename: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
    } else problems.push(`unexpected form part "${field}"`);
  }
  if (payload === undefined) problems.push("no payload_json part");
  const attachments = (payload as { attachments?: Array<{ id?: unknown }> } | undefined)?.attachments
    ?? (payload as { data?: { attachments?: Array<{ id?: unknown }> } } | undefined)?.data?.attachments ?? [];
  for (const a of attachments) {
    if (isPlaceholder(a.id) && !files.some((f) => f.field === `files[${String(a.id)}]`)) problems.push(`attachment ${String(a.id)} has no files[${String(a.id)}] part`);
  }
  for (const f of files) {
    const n = f.field.slice("files[".length, -1);
    if (!attachments.some((a) => String(a.id) === n)) problems.push(`${f.field} is not listed in attachments`);
  }
  return { payload, files, problems };
}
