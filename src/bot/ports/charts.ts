/** Charts drawn off the event loop. */

/**
 * A chart to draw: an ECharts option that is plain data (no functions), since it crosses to a
 * worker thread by structured clone, and the image's size in pixels.
 */
export interface ChartRequest { option: Readonly<Record<string, unknown>>; width: number; height: number }

/** Draws charts off the event loop (a worker pool in production); rejects when a drawing fails. */
export interface ChartRenderer {
  /** The chart as PNG bytes. */
  png(req: ChartRequest): Promise<Uint8Array>;
}
