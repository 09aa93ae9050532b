/** Types of draw.mjs (plain JS so a worker thread can load it without a TypeScript loader). */
import type { ChartRequest } from "../bot/ports.js";

export type { ChartRequest };
export function loadLibraries(): Promise<unknown>;
export function drawSvg(req: ChartRequest): Promise<string>;
export function drawPng(req: ChartRequest): Promise<Uint8Array>;
