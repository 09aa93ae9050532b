/**
 * A chart worker thread: draws each requested chart as a PNG and posts the bytes back (moved, not
 * copied). One chart at a time; the pool (pool.ts) queues the rest. A "warm" message loads the
 * libraries before the first /stats needs them.
 */
import { parentPort } from "node:worker_threads";
import { drawPng, loadLibraries } from "./draw.mjs";

parentPort?.on("message", async (msg) => {
  try {
    if (msg.kind === "warm") {
      await loadLibraries();
      parentPort?.postMessage({ id: msg.id, ok: true });
      return;
    }
    const drawn = await drawPng(msg.request);
    // Moved, not copied; a view into a larger buffer (wasm memory) is copied out first.
    const png = drawn.byteLength === drawn.buffer.byteLength ? drawn : drawn.slice();
    parentPort?.postMessage({ id: msg.id, ok: true, png }, [png.buffer]);
  } catch (err) {
    parentPort?.postMessage({ id: msg.id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
