/**
 * What `npm start` on the console echoes back: never terminal control from a typed line (escape
 * sequences, bells, backspaces), and not a 1 MB line: that one is refused with a message.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pipeToConsole, removeTestQueues } from "./console-process.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-console-input-"));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await removeTestQueues();
});

describe("console input", () => {
  it("strips control and escape sequences, refuses a 1 MB line, and keeps going", async () => {
    const evil = "/nosuch\u001b[2J\u001b]0;pwned\u0007\u0008\u0000cmd";
    const input = `${evil}\n${"A".repeat(1_000_000)}\n/help\n`;
    const { code, output } = await pipeToConsole(input, { DATABASE_URL: `file:${join(dir, "db.sqlite")}` });
    expect(code).toBe(0);
    expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(output).toContain("/nosuchcmd"); // the unknown command is named, minus its control characters
    expect(output).toContain("That line is too long (1,000,000 characters; the most I read is 4,000). Nothing was sent.");
    expect(output).not.toContain("A".repeat(100));
    expect(output.length).toBeLessThan(50_000);
    expect(output).toMatch(/\/quiz/); // /help still answered after it
  });
});
