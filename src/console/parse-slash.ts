import type { APIApplicationCommandOption } from "discord-api-types/v10";
import type { SlashCommand } from "../bot/command.js";
import type { CommandRequest, OptionValue } from "../bot/router.js";
import { UserFacingError } from "../errors.js";

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;
const INTEGER = 4;
const BOOLEAN = 5;
const ATTACHMENT = 11;

/** In the console a file option names a path; the console reads it before the command runs. */
function coerce(option: APIApplicationCommandOption, raw: string): OptionValue {
  if (option.type === ATTACHMENT) return { kind: "attachment", filename: raw, size: 0, content: null };
  if (option.type === BOOLEAN) return /^(true|yes|1|да)$/i.test(raw);
  if (option.type === INTEGER) {
    const value = Number(raw);
    if (!Number.isInteger(value)) throw new UserFacingError(`\`${option.name}\` takes a whole number.`);
    return value;
  }
  return raw;
}

/** Whether a command or option goes by this name, in English or in its Russian localization, as Discord lets users type it. */
function named(item: { name: string; name_localizations?: Partial<Record<string, string | null>> | null }, name: string | undefined): boolean {
  const wanted = name?.toLowerCase();
  return wanted !== undefined && (item.name === wanted || item.name_localizations?.ru === wanted);
}

/**
 * Reads a typed slash command the way Discord's client would send it:
 * `/csto member armenia` or `/csto ask question:when was the treaty signed private:true`.
 * Text without an `option:` prefix goes to the subcommand's first option.
 */
export function parseSlashLine(line: string, commands: ReadonlyMap<string, SlashCommand>): { command: string; request: CommandRequest } {
  const [head = "", ...rest] = line.trim().replace(/^\//, "").split(/\s+/);
  const command = commands.get(head.toLowerCase()) ?? [...commands.values()].find((candidate) => named(candidate.data, head));
  if (!command) throw new UserFacingError(`Unknown command \`/${head}\`. Try \`/csto help\`.`);
  // A group ("fact") holds subcommands ("add"): `/csto-admin fact add` names both.
  const top = command.data.options ?? [];
  const group = top.find((option) => option.type === SUBCOMMAND_GROUP && named(option, rest[0]));
  const words = group ? rest.slice(1) : rest;
  const subcommands = (group && "options" in group ? (group.options ?? []) : top).filter((option) => option.type === SUBCOMMAND);
  const sub = subcommands.find((option) => named(option, words[0]));
  if (!sub) {
    const prefix = `/${head}${group ? ` ${group.name}` : ""}`;
    const choices = group ? subcommands.map((option) => `${prefix} ${option.name}`) : top.map((option) => `${prefix} ${option.name}`);
    throw new UserFacingError(`Choose one of: ${choices.join(", ")}.`);
  }
  const subOptions = "options" in sub ? (sub.options ?? []) : [];

  const text = words.slice(1).join(" ");
  const names = subOptions.flatMap((option) => [option.name, option.name_localizations?.ru ?? []].flat()).join("|");
  const options: CommandRequest["options"] = {};
  const parts = names ? text.split(new RegExp(`(?:^|\\s)(${names}):`, "u")) : [text];
  const positional = parts[0]?.trim();
  if (positional && subOptions[0]) options[subOptions[0].name] = coerce(subOptions[0], positional);
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const option = subOptions.find((candidate) => named(candidate, parts[i]));
    if (option) options[option.name] = coerce(option, parts[i + 1]!.trim());
  }
  const subcommand = group ? `${group.name} ${sub.name}` : sub.name;
  return { command: command.data.name, request: { command: command.data.name, subcommand, options } };
}
