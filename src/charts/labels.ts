import type { MembershipEvent } from "../knowledge/schema.js";
import type { PeriodStatus } from "./membership-history.js";

export type ChartLanguage = "en" | "ru";

/** Discord locales "ru" (and any "ru-…") get Russian labels; everything else English. */
export function chartLanguage(locale: string | undefined): ChartLanguage {
  return locale?.toLowerCase().startsWith("ru") ? "ru" : "en";
}

interface ChartLabels {
  title: string;
  subtitle: (sources: number) => string;
  status: Record<PeriodStatus, string>;
  keyEvent: Partial<Record<MembershipEvent["type"], string>>;
  months: string[];
  today: string;
}

export const CHART_LABELS: Record<ChartLanguage, ChartLabels> = {
  en: {
    title: "Collective Security Treaty and CSTO membership",
    subtitle: (sources) => `From the bot's country records (${sources} cited sources); status as of the latest source`,
    status: { treaty: "Treaty party", member: "CSTO member", suspended: "Suspended", frozen: "Participation frozen", observer: "Observer" },
    keyEvent: { left: "exits", rejoined: "return", suspended: "suspension", froze: "freeze" },
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    today: "today",
  },
  ru: {
    title: "Договор о коллективной безопасности и членство в ОДКБ",
    subtitle: (sources) => `По записям бота о странах (${sources} источников); статус по последнему источнику`,
    status: { treaty: "Участник договора", member: "Член ОДКБ", suspended: "Приостановлено", frozen: "Участие заморожено", observer: "Наблюдатель" },
    keyEvent: { left: "выходы", rejoined: "возвращение", suspended: "приостановка", froze: "заморозка" },
    months: ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"],
    today: "сегодня",
  },
};

/** "Feb 2024" for a date with a month, "1999" for a year alone. */
export function shortDate(date: string, language: ChartLanguage): string {
  const [year, month] = date.split("-");
  return month ? `${CHART_LABELS[language].months[Number(month) - 1]} ${year}` : year!;
}

/** Colours that stay apart for the common kinds of colour blindness, with the legend naming each. */
export const STATUS_COLORS: Record<PeriodStatus, string> = {
  treaty: "#9ecae1",
  member: "#2166ac",
  suspended: "#f4a261",
  frozen: "#7b3294",
  observer: "#1b9e77",
};
