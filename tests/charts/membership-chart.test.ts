import { describe, expect, it } from "vitest";
import { membershipSvg, renderMembershipChart } from "../../src/charts/membership-chart.js";
import { CSTO_FOUNDED, historyOf, membershipHistory, startOf, type PeriodStatus } from "../../src/charts/membership-history.js";
import { renderTimeline } from "../../src/charts/timeline-chart.js";
import { buildTimeline, filterTimeline } from "../../src/answers/timeline.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import type { CountryStatus } from "../../src/knowledge/schema.js";

const knowledge = loadKnowledge();
const countries = knowledge.entries.filter((entry) => entry.country);
const history = membershipHistory(knowledge.entries, new Date("2026-06-01T00:00:00Z"));
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** What a record's status means at the chart's right edge. */
const STATUS_AT_END: Record<CountryStatus, PeriodStatus | null> = {
  member: "member",
  "member-participation-frozen": "frozen",
  "former-member": null,
  "former-treaty-party": null,
  observer: "observer",
  "non-member": null,
};

describe("the membership chart's data, compared with the country records", () => {
  it("has one row for every state that was ever a treaty party or an observer, and no other", () => {
    const everParty = countries.filter((entry) => entry.country!.events.some((event) => ["signed", "joined", "observer"].includes(event.type)));
    expect(history.rows.map((row) => row.entryId).sort()).toEqual(everParty.map((entry) => entry.id).sort());
  });

  it("ends each row in the status its record gives as of the latest source", () => {
    for (const row of history.rows) {
      const record = countries.find((entry) => entry.id === row.entryId)!.country!;
      expect(row.currentStatus, row.name).toBe(STATUS_AT_END[record.status]);
    }
  });

  it("is what /csto members lists: every period of every state, from the event that opened it", async () => {
    const { CstoCommands } = await import("../../src/bot/csto-commands.js");
    const { createKnowledgeBase } = await import("../../src/knowledge/knowledge-base.js");
    const listed = new CstoCommands(createKnowledgeBase()).members({ userId: "u", guildId: null }).embeds[0]!.fields!.map((field) => field.value).join("\n");
    expect(listed).toContain("**Uzbekistan**: treaty party 1992-05-15 – 1999 · CSTO member 2006 – 2012-06 · suspended 2012-06 – 2012");
    expect(listed).toContain("**Armenia**: treaty party 1992-05-15 – 2002-10-07 · CSTO member 2002-10-07 – 2024-02-22 · participation frozen since 2024-02-22");
    for (const row of history.rows) expect(listed, row.name).toContain(`**${row.name}**: `);
    expect((listed.match(/ · /g) ?? []).length).toBe(history.rows.reduce((sum, row) => sum + row.periods.length - 1, 0));
  });

  it("splits treaty parties into CSTO members on the day the organisation was founded", () => {
    const russia = history.rows.find((row) => row.name === "Russia")!;
    expect(russia.periods.map((period) => period.status)).toEqual(["treaty", "member"]);
    expect(russia.periods[0]!.to).toBeCloseTo(startOf(CSTO_FOUNDED), 5);
  });

  it("draws Uzbekistan's exit, return, suspension and departure in order", () => {
    const uzbekistan = history.rows.find((row) => row.name === "Uzbekistan")!;
    expect(uzbekistan.periods.map((period) => [period.status, Math.floor(period.from), Math.floor(period.to)])).toEqual([
      ["treaty", 1992, 1999],
      ["member", 2006, 2012],
      ["suspended", 2012, 2012],
    ]);
  });

  it("marks the key events: the 1999 exits, the 2006 return, the 2012 suspension and the February 2024 freeze", () => {
    expect(history.keyEvents.map((event) => [event.date.slice(0, 7), event.type])).toEqual([
      ["1999", "left"],
      ["2006", "rejoined"],
      ["2012-06", "suspended"],
      ["2024-02", "froze"],
    ]);
    expect(history.keyEvents[0]!.countries.sort()).toEqual(["Azerbaijan", "Georgia", "Uzbekistan"]);
  });
});

describe("the membership chart as a picture", () => {
  it("is a PNG under 1 MB, rendered in under 200 ms, with alt text naming every state", () => {
    renderMembershipChart(history, "en-US");
    const picture = renderMembershipChart(history, "en-US");
    expect([...picture.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(picture.png.byteLength).toBeLessThan(1024 * 1024);
    expect(picture.renderMs).toBeLessThan(200);
    // Type of 22 pixels and more on a canvas this wide stays above 12 pixels at Discord's preview width of about 550.
    expect(picture.width).toBeLessThanOrEqual(1000);
    for (const row of history.rows) expect(picture.description).toContain(row.name);
  });

  it("names the states and the statuses in Russian for a Russian locale", () => {
    const svg = membershipSvg(history, "ru");
    expect(svg).toContain("Узбекистан");
    expect(svg).toContain("Участие заморожено");
    expect(svg).not.toContain("Uzbekistan");
    expect(renderMembershipChart(history, "ru").description).toContain("Армения");
  });

  it("draws one state's own strip with only that state's key events", () => {
    const armenia = historyOf(history, "country-armenia")!;
    expect(armenia.rows).toHaveLength(1);
    expect(armenia.keyEvents.map((event) => event.type)).toEqual(["froze"]);
    expect(historyOf(history, "country-china")).toBeUndefined();
  });

  it("draws a timeline picture and says in its alt text which events it shows", () => {
    const items = filterTimeline(buildTimeline(knowledge.entries), { countryId: "country-uzbekistan" });
    const picture = renderTimeline(items, "CSTO timeline: Uzbekistan");
    expect([...picture.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(picture.description).toContain("2012-06");
  });
});
