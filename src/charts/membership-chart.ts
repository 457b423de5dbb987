import { CHART_LABELS, chartLanguage, shortDate, STATUS_COLORS, type ChartLanguage } from "./labels.js";
import type { MembershipHistory, MembershipRow, PeriodStatus } from "./membership-history.js";
import { renderPng, type Picture } from "./png.js";
import { clip, element, svgDocument, text } from "./svg.js";

/** Large type on a narrow canvas, so the labels stay legible when Discord shows the picture at about half size. */
const WIDTH = 1000;
const NAME_COLUMN = 200;
const RIGHT_MARGIN = 30;
const TOP = 150;
const ROW_HEIGHT = 44;
const BAR_HEIGHT = 32;
const LEGEND_LINE_HEIGHT = 42;
const TICK_EVERY_YEARS = 4;
const STATUS_ORDER: PeriodStatus[] = ["treaty", "member", "suspended", "frozen", "observer"];

function rowName(row: MembershipRow, language: ChartLanguage): string {
  return language === "ru" ? row.nameRu : row.name;
}

/** The membership history as an SVG: one row per state, periods coloured by status, key events marked. */
export function membershipSvg(history: MembershipHistory, language: ChartLanguage): string {
  const labels = CHART_LABELS[language];
  const sourceCount = new Set(history.rows.flatMap((row) => row.sourceIds)).size;
  const chartRight = WIDTH - RIGHT_MARGIN;
  const x = (year: number) => NAME_COLUMN + ((year - history.from) / (history.to - history.from)) * (chartRight - NAME_COLUMN);
  const rowsBottom = TOP + history.rows.length * ROW_HEIGHT;
  // The legend names only the statuses drawn, three to a line.
  const statuses = STATUS_ORDER.filter((status) => history.rows.some((row) => row.periods.some((period) => period.status === status)));
  const height = rowsBottom + 56 + Math.ceil(statuses.length / 3) * LEGEND_LINE_HEIGHT;
  const body: string[] = [
    text(20, 42, labels.title, { "font-size": 30, "font-weight": "bold", fill: "#1a202c" }),
    text(20, 74, labels.subtitle(sourceCount), { "font-size": 19, fill: "#4a5568" }),
  ];
  for (let year = history.from; year <= history.to; year += TICK_EVERY_YEARS) {
    body.push(element("line", { x1: x(year), y1: TOP - 8, x2: x(year), y2: rowsBottom, stroke: "#e2e8f0", "stroke-width": 1 }));
    body.push(text(x(year), rowsBottom + 28, String(year), { "font-size": 24, "text-anchor": "middle", fill: "#2d3748" }));
  }
  history.keyEvents.forEach((event, i) => {
    const at = x(event.at);
    const label = `${shortDate(event.date, language)} ${labels.keyEvent[event.type] ?? ""}`.trim();
    // Alternate two label lines so neighbouring events do not overlap.
    const labelY = i % 2 === 0 ? TOP - 38 : TOP - 12;
    const anchor = at > chartRight - 130 ? "end" : at < NAME_COLUMN + 80 ? "start" : "middle";
    body.push(element("line", { x1: at, y1: labelY + 6, x2: at, y2: rowsBottom, stroke: "#c53030", "stroke-width": 2, "stroke-dasharray": "6 4" }));
    body.push(text(at, labelY, label, { "font-size": 22, "font-weight": "bold", "text-anchor": anchor, fill: "#c53030" }));
  });
  history.rows.forEach((row, i) => {
    const top = TOP + i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    body.push(text(NAME_COLUMN - 14, top + BAR_HEIGHT - 7, clip(rowName(row, language), 14), { "font-size": 25, "text-anchor": "end", fill: "#1a202c" }));
    for (const period of row.periods) {
      body.push(element("rect", { x: x(period.from), y: top, width: Math.max(3, x(period.to) - x(period.from)), height: BAR_HEIGHT, rx: 4, fill: STATUS_COLORS[period.status] }));
    }
    for (const mark of row.marks) {
      body.push(element("circle", { cx: x(mark.at), cy: top + BAR_HEIGHT / 2, r: 5, fill: "#ffffff", stroke: "#1a202c", "stroke-width": 2 }));
    }
  });
  const legendTop = rowsBottom + 56;
  statuses.forEach((status, i) => {
    const left = 20 + (i % 3) * 330;
    const top = legendTop + Math.floor(i / 3) * LEGEND_LINE_HEIGHT;
    body.push(element("rect", { x: left, y: top, width: 34, height: 24, rx: 4, fill: STATUS_COLORS[status] }));
    body.push(text(left + 46, top + 20, labels.status[status], { "font-size": 24, fill: "#1a202c" }));
  });
  return svgDocument(WIDTH, height, body);
}

/** What the picture shows, in words: Discord's alt text for the attachment (at most 1024 characters). */
export function describeMembership(history: MembershipHistory, language: ChartLanguage): string {
  const labels = CHART_LABELS[language];
  const rows = history.rows.map((row) => {
    const periods = row.periods.map((period) => `${labels.status[period.status]} ${Math.floor(period.from)}–${period.to >= history.to ? labels.today : Math.floor(period.to)}`);
    return `${rowName(row, language)}: ${periods.join(", ")}`;
  });
  const intro = language === "ru" ? "Диаграмма членства по годам." : "Chart of membership by year.";
  return clip(`${intro} ${rows.join("; ")}.`, 1024);
}

export interface MembershipPicture extends Picture {
  description: string;
}

export function renderMembershipChart(history: MembershipHistory, locale: string | undefined): MembershipPicture {
  const language = chartLanguage(locale);
  return { ...renderPng(membershipSvg(history, language)), description: describeMembership(history, language) };
}
