/**
 * A chart worker thread: draws each requested chart as a PNG and posts the bytes back (moved, not
 * copied). One chart at a time; the pool (pool.ts) queues the rest. A "warm" message loads the
 * libraries before the first /stats needs them.
 */
import { setFlagsFromString } from "node:v8";
import { parentPort } from "node:worker_threads";
import { drawPng, loadLibraries } from "./draw.mjs";

// Before resvg's wasm compiles: V8's optimising tier for wasm (TurboFan, on by default) compiles
// resvg's hot functions on background threads and leaves 60–80 MB of the process's memory behind
// (measured for issue 19); the baseline compiler alone (Liftoff) draws a chart as fast or faster
// (70 vs 115 ms here), as the optimised code never pays back its compile on a few charts. The flag
// is process-wide: the only other wasm in the process is undici's HTTP parser, which Liftoff runs fine.
setFlagsFromString("--liftoff-only");

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
