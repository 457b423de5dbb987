import { describe, expect, it } from "vitest";
import { buildTimeline, filterTimeline, firstEventFrom, timelineLabel, type TimelineItem } from "../../src/answers/timeline.js";
import { loadKnowledge } from "../../src/knowledge/load.js";

const knowledge = loadKnowledge();
const timeline = buildTimeline(knowledge.entries);
const records = knowledge.entries.filter((entry) => entry.country);
const statesOf = (item: TimelineItem) => item.states.map((state) => state.name);

describe("the timeline of the shipped knowledge", () => {
  it("has no two lines with the same date and text", () => {
    for (const text of [(item: TimelineItem) => item.title, timelineLabel]) {
      const lines = timeline.map((item) => `${item.date} ${text(item)}`);
      expect(lines.filter((line, i) => lines.indexOf(line) !== i)).toEqual([]);
    }
  });

  it("shows the treaty's 1994 entry into force once, naming the nine states whose records hold it", () => {
    const lines = timeline.filter((item) => item.date === "1994" && /(came|enters) into force/.test(item.title));
    expect(lines).toHaveLength(1);
    expect(statesOf(lines[0]!)).toEqual(["Armenia", "Azerbaijan", "Belarus", "Georgia", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan", "Uzbekistan"]);
    expect(timelineLabel(lines[0]!)).toMatch(/^Armenia, Azerbaijan, .*, Uzbekistan: The treaty enters into force in 1994/);
  });

  it("merges events several records tell in the same words on the same date into one line", () => {
    const listed = timeline.filter((item) => item.title.startsWith("Listed among the CSTO's six member states"));
    expect(listed).toHaveLength(1);
    expect(statesOf(listed[0]!)).toEqual(["Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Tajikistan"]);
    // No single record holds that line, so it points to none.
    expect(listed[0]!.entryId).toBeUndefined();
  });

  it("keeps every event of every record, on a line that names its state", () => {
    for (const record of records) {
      for (const event of record.country!.events) {
        const line = timeline.find(
          (item) => item.states.some((state) => state.id === record.id) && (event.entry ? item.entryId === event.entry : item.date === event.date && item.title === event.text),
        );
        expect(line, `${record.id} ${event.date}`).toBeDefined();
      }
    }
  });

  it("names the states a line concerns unless its title already does", () => {
    const joiners = timeline.find((item) => item.entryId === "bescotti-a-cst-joiners-1993")!;
    expect(statesOf(joiners)).toEqual(["Azerbaijan", "Belarus", "Georgia"]);
    expect(timelineLabel(joiners)).toBe(joiners.title);
    const request = timeline.find((item) => item.entryId === "update-armenia-september-2022-request")!;
    expect(timelineLabel(request)).toBe(`Armenia, Azerbaijan: ${request.title}`);
  });

  it("shows one state's events, all of them and only them", () => {
    const uzbekistan = filterTimeline(timeline, { countryId: "country-uzbekistan" });
    const record = records.find((entry) => entry.id === "country-uzbekistan")!;
    expect(uzbekistan.every((item) => statesOf(item).includes("Uzbekistan"))).toBe(true);
    expect(uzbekistan.length).toBe(new Set(record.country!.events.map((event) => event.entry ?? event.text)).size);
    expect(uzbekistan.map((item) => item.date.slice(0, 4))).toEqual(expect.arrayContaining(["1992", "1999", "2006", "2012"]));
  });

  it("finds where a year's events begin, or the next year that has some", () => {
    const start = firstEventFrom(timeline, 2000);
    expect(timeline[start]!.date.slice(0, 4)).toBe("2001");
    expect(timeline[start - 1]!.date.slice(0, 4) < "2000").toBe(true);
    expect(firstEventFrom(timeline, 2090)).toBe(-1);
  });
});
