import { readFileSync } from "node:fs";
import { z } from "zod";
import type { QualityQuestion } from "./score.js";

const SetQuestion = z.object({
  id: z.string(),
  q: z.string(),
  kind: z.string(),
  expect: z.object({
    all: z.array(z.array(z.string())).optional(),
    sources: z.array(z.string()).optional(),
    abstain: z.boolean().optional(),
  }),
  note: z.string().optional(),
});

/** A JSON Lines question set, one question a line (see eval/README.md). */
export function readQuestionSet(file: string): QualityQuestion[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => SetQuestion.parse(JSON.parse(line)));
}
