import { writeFileSync } from "node:fs";
import { renderMembershipChart } from "../charts/membership-chart.js";
import { membershipHistory } from "../charts/membership-history.js";
import { loadKnowledge } from "../knowledge/load.js";

/** Writes the membership chart the README shows (docs/chart.png, or the path given) and prints its render time and size. */
const path = process.argv[2] ?? "docs/chart.png";
const history = membershipHistory(loadKnowledge().entries);
// The first render loads the fonts; the bot renders many times, so the second one is the figure that matters.
renderMembershipChart(history, "en-US");
const picture = renderMembershipChart(history, "en-US");
writeFileSync(path, picture.png);
console.log(`${path}: ${picture.width}x${picture.height}, ${(picture.png.byteLength / 1024).toFixed(0)} KiB, rendered in ${picture.renderMs.toFixed(1)} ms`);
