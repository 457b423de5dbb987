import { createRequire } from "node:module";
import { join } from "node:path";
import type * as ResvgModule from "@resvg/resvg-js";
import { PROJECT_ROOT } from "../project-root.js";

/** The fonts ship with the bot (DejaVu Sans, Cyrillic included), so a picture is the same on every machine. */
const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((name) => join(PROJECT_ROOT, "assets", "fonts", name));

export interface Picture {
  png: Uint8Array;
  width: number;
  height: number;
  renderMs: number;
}

let resvg: typeof ResvgModule | undefined;
/** The renderer, a native library of several megabytes, loads with the first picture: most processes never draw one. */
function renderer(): typeof ResvgModule.Resvg {
  resvg ??= createRequire(import.meta.url)("@resvg/resvg-js") as typeof ResvgModule;
  return resvg.Resvg;
}

/** Renders an SVG document to PNG with the shipped fonts only. */
export function renderPng(svg: string): Picture {
  const started = performance.now();
  const Resvg = renderer();
  const rendered = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
    fitTo: { mode: "original" },
  }).render();
  const png = rendered.asPng();
  return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), width: rendered.width, height: rendered.height, renderMs: performance.now() - started };
}
