/**
 * Draws an ECharts option (plain data) as SVG, then PNG: ECharts' server-side SVG renderer (pure
 * JS) and resvg (WebAssembly inside its npm package) with a font from an npm package, so nothing
 * is downloaded and nothing native is needed. Plain JavaScript on purpose: the chart worker
 * (render-worker.mjs) loads this file, and a worker cannot load a .ts entry under tsx on Node 20;
 * the same file, imported on the calling thread, draws for tests and the bench's baseline.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const FONT = "DejaVu Sans";
const require = createRequire(import.meta.url);

/** @type {Promise<{ echarts: typeof import("echarts/core"); Resvg: typeof import("@resvg/resvg-wasm").Resvg; font: Uint8Array }> | undefined} */
let ready;

/**
 * ECharts, the wasm module and the font load on the first chart (about 0.1 s), then stay. Each
 * ECharts part comes from its own install module: the `echarts/charts` and `echarts/components`
 * barrels load every chart type and component (no bundler shakes them here), ~17 MB more per
 * worker. They are the same functions the barrels export as LineChart, GridComponent, ….
 */
export function loadLibraries() {
  ready ??= (async () => {
    const [echarts, line, bar, grid, legend, title, svg, resvg, wasm, font] = await Promise.all([
      import("echarts/core"),
      import("echarts/lib/chart/line/install.js"), import("echarts/lib/chart/bar/install.js"),
      import("echarts/lib/component/grid/install.js"), import("echarts/lib/component/legend/install.js"),
      import("echarts/lib/component/title/install.js"), import("echarts/lib/renderer/installSVGRenderer.js"),
      import("@resvg/resvg-wasm"),
      readFile(require.resolve("@resvg/resvg-wasm/index_bg.wasm")),
      readFile(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")),
    ]);
    echarts.use([line.install, bar.install, grid.install, legend.install, title.install, svg.install]);
    await resvg.initWasm(wasm);
    return { echarts, Resvg: resvg.Resvg, font: new Uint8Array(font) };
  })();
  ready.catch(() => { ready = undefined; }); // a failed load may be retried by the next chart
  return ready;
}

/** @param {import("./draw.mjs").ChartRequest} req */
export async function drawSvg({ option, width, height }) {
  const { echarts } = await loadLibraries();
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** @param {import("./draw.mjs").ChartRequest} req */
export async function drawPng(req) {
  const { Resvg, font } = await loadLibraries();
  const resvg = new Resvg(await drawSvg(req), {
    font: { fontBuffers: [font], defaultFontFamily: FONT, sansSerifFamily: FONT },
    background: "#ffffff",
  });
  try {
    const image = resvg.render();
    const png = image.asPng();
    image.free();
    return png;
  } finally {
    resvg.free();
  }
}
