import { UserFacingError } from "../errors.js";
import { cleanOption } from "../text/clean-input.js";
import { escapeMarkdown } from "../text/markdown.js";
import type { CstoCommands, Requester } from "./csto-commands.js";
import type { QuizCommands } from "./quiz-commands.js";
import type { Reply } from "./reply.js";

/** A file given to a command; the adapter reads it (up to a limit) before the command runs. */
export interface AttachmentOption {
  kind: "attachment";
  filename: string;
  size: number;
  /** Null when the file was too large to read. */
  content: Uint8Array | null;
}

export type OptionValue = string | number | boolean | AttachmentOption | undefined;

/** A slash command as both Discord and the console deliver it. */
export interface CommandRequest {
  command: string;
  subcommand: string | null;
  options: Record<string, OptionValue>;
}

/** A text option, cleaned the way a question is: no invisible characters, one line, a bounded length. */
const text = (options: CommandRequest["options"], name: string): string => cleanOption(name, typeof options[name] === "string" ? options[name] : "");

/** Sends each `/csto` subcommand to its handler. */
export function routeCsto(commands: CstoCommands, requester: Requester, request: CommandRequest): Reply {
  const { options } = request;
  const ephemeral = options.private === true;
  switch (request.subcommand) {
    case "ask":
      return commands.ask(requester, text(options, "question"), ephemeral);
    case "member":
      return commands.member(requester, text(options, "country"), ephemeral);
    case "members":
      return commands.members(requester);
    case "timeline":
      return commands.timeline(requester, {
        page: typeof options.page === "number" ? options.page - 1 : 0,
        year: typeof options.year === "number" ? options.year : undefined,
        country: typeof options.country === "string" ? options.country : undefined,
        from: typeof options.from === "number" ? options.from : undefined,
        to: typeof options.to === "number" ? options.to : undefined,
        image: options.image === true,
      });
    case "chart":
      return commands.chart(requester);
    case "sources":
      return commands.sources(requester);
    case "source":
      return commands.source(requester, text(options, "name"));
    case "help":
      return commands.help();
    default:
      throw new UserFacingError(`There is no /csto ${escapeMarkdown(request.subcommand ?? "")} command. Try \`/csto help\`.`);
  }
}

/** Sends each `/csto quiz` subcommand to its handler. */
export function routeQuiz(quiz: QuizCommands, requester: Requester, request: CommandRequest): Promise<Reply> {
  const { options } = request;
  const topic = typeof options.topic === "string" && options.topic.trim() !== "" ? options.topic : undefined;
  switch (request.subcommand) {
    case "quiz solo":
      return quiz.solo(requester, topic, typeof options.count === "number" ? options.count : undefined);
    case "quiz round":
      return quiz.round(requester, topic);
    case "quiz scores":
      return quiz.scores(requester);
    default:
      throw new UserFacingError(`There is no \`/csto ${request.subcommand ?? ""}\` command. Try \`/csto quiz solo\`.`);
  }
}
