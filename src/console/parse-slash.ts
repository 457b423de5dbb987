import type { APIApplicationCommandOption } from "discord-api-types/v10";
import type { SlashCommand } from "../bot/command.js";
import type { CommandRequest, OptionValue } from "../bot/router.js";
import { UserFacingError } from "../errors.js";

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;
const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const NUMBER = 10;
const ATTACHMENT = 11;
/** Options Discord fills from a picker (user, channel, role, mentionable): the console takes the id or its mention. */
const PICKED: Record<number, string> = { 6: "user", 7: "channel", 8: "role", 9: "user or role" };
const SNOWFLAKE = /^\d{17,20}$/;
const MENTION = /^<(?:@!?|@&|#)(\d{17,20})>$/;
const TRUE = /^(true|yes|1|да)$/i;
const FALSE = /^(false|no|0|нет)$/i;

type Bounds = { min_value?: number; max_value?: number; min_length?: number; max_length?: number; choices?: { name: string; value: string | number }[] };

/** A number within the option's bounds, as Discord's client only lets users send. */
function numberIn(option: APIApplicationCommandOption & Bounds, raw: string): number {
  const value = Number(raw);
  const whole = option.type === INTEGER;
  if (raw === "" || !Number.isFinite(value) || (whole && !Number.isInteger(value))) throw new UserFacingError(`\`${option.name}\` takes ${whole ? "a whole number" : "a number"}.`);
  const { min_value: min, max_value: max } = option;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    const range = min !== undefined && max !== undefined ? `from ${min} to ${max}` : min !== undefined ? `${min} or more` : `${max} or less`;
    throw new UserFacingError(`\`${option.name}\` takes a number ${range}.`);
  }
  return value;
}

/**
 * An option's value as Discord would deliver it, or a polite refusal naming the option, for what
 * Discord's client would not let anyone send. In the console a file option names a path; the
 * console reads it before the command runs.
 */
function coerce(option: APIApplicationCommandOption & Bounds, raw: string): OptionValue {
  if (option.type === ATTACHMENT) return { kind: "attachment", filename: raw, size: 0, content: null };
  if (option.type === BOOLEAN) {
    if (TRUE.test(raw)) return true;
    if (FALSE.test(raw)) return false;
    throw new UserFacingError(`\`${option.name}\` takes true or false.`);
  }
  const picked = PICKED[option.type];
  if (picked) {
    const id = SNOWFLAKE.test(raw) ? raw : MENTION.exec(raw)?.[1];
    if (!id) throw new UserFacingError(`\`${option.name}\` takes a ${picked}: in the console, type its id (17 to 20 digits), e.g. \`${option.name}:123456789012345678\`.`);
    return id;
  }
  const value = option.type === INTEGER || option.type === NUMBER ? numberIn(option, raw) : raw;
  if (option.type === STRING) {
    const { min_length: min = 0, max_length: max = 6000 } = option;
    if (raw.length < min || raw.length > max) throw new UserFacingError(`\`${option.name}\` takes ${min > 0 ? `${min} to ` : "at most "}${max} characters.`);
  }
  const choices = option.choices ?? [];
  if (choices.length > 0) {
    const chosen = choices.find((choice) => String(choice.value) === String(value) || choice.name.toLowerCase() === raw.toLowerCase());
    if (!chosen) throw new UserFacingError(`\`${option.name}\` takes one of: ${choices.map((choice) => choice.value).join(", ")}.`);
    return chosen.value;
  }
  return value;
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
    const raw = parts[i + 1]!.trim();
    // Discord sends no value for an option left empty.
    if (option && raw !== "") options[option.name] = coerce(option, raw);
  }
  const subcommand = group ? `${group.name} ${sub.name}` : sub.name;
  const missing = subOptions.filter((option) => "required" in option && option.required && options[option.name] === undefined);
  if (missing.length > 0) throw new UserFacingError(`\`/${command.data.name} ${subcommand}\` needs ${missing.map((option) => `\`${option.name}:\``).join(" and ")}.`);
  return { command: command.data.name, request: { command: command.data.name, subcommand, options } };
}
