import { timelineLabel, type TimelineItem } from "../answers/timeline.js";
import { renderPng, type Picture } from "./png.js";
import { clip, element, svgDocument, text } from "./svg.js";

const WIDTH = 1000;
const TOP = 96;
const ROW_HEIGHT = 44;
const DATE_COLUMN = 190;
/** More rows would shrink below legibility at Discord's preview size; the caption says what was left out. */
export const MAX_TIMELINE_ROWS = 16;
/** Characters of an event's text that fit in one line at the font size used. */
const TEXT_CHARACTERS = 56;

/** Dated events down a line: date, dot, text; at most MAX_TIMELINE_ROWS of them. */
export function timelineSvg(items: TimelineItem[], title: string): string {
  const shown = items.slice(0, MAX_TIMELINE_ROWS);
  const height = TOP + shown.length * ROW_HEIGHT + (items.length > shown.length ? 60 : 24);
  const body: string[] = [
    text(24, 48, clip(title, 60), { "font-size": 30, "font-weight": "bold", fill: "#1a202c" }),
    element("line", { x1: DATE_COLUMN, y1: TOP - 20, x2: DATE_COLUMN, y2: TOP + shown.length * ROW_HEIGHT - 16, stroke: "#a0aec0", "stroke-width": 3 }),
  ];
  shown.forEach((item, i) => {
    const y = TOP + i * ROW_HEIGHT;
    body.push(text(DATE_COLUMN - 18, y, item.date, { "font-size": 23, "font-weight": "bold", "text-anchor": "end", fill: "#2d3748" }));
    body.push(element("circle", { cx: DATE_COLUMN, cy: y - 8, r: 8, fill: "#2166ac" }));
    body.push(text(DATE_COLUMN + 20, y, clip(timelineLabel(item), TEXT_CHARACTERS), { "font-size": 23, fill: "#1a202c" }));
  });
  if (items.length > shown.length) {
    body.push(text(24, height - 20, `… and ${items.length - shown.length} later events: narrow it with from: and to:`, { "font-size": 22, fill: "#4a5568" }));
  }
  return svgDocument(WIDTH, height, body);
}

export interface TimelinePicture extends Picture {
  description: string;
}

export function renderTimeline(items: TimelineItem[], title: string): TimelinePicture {
  const shown = items.slice(0, MAX_TIMELINE_ROWS);
  const description = clip(`${title}: ${shown.map((item) => `${item.date} ${timelineLabel(item)}`).join("; ")}`, 1024);
  return { ...renderPng(timelineSvg(items, title)), description };
}
