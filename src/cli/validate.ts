import { readKnowledgeFiles } from "../knowledge/files.js";
import { formatProblem, validateKnowledge } from "../knowledge/validate.js";

const { knowledge, problems } = validateKnowledge(readKnowledgeFiles());
for (const problem of problems) console.error(formatProblem(problem));
if (!knowledge) {
  console.error(`${problems.length} problem(s) in knowledge/`);
  process.exit(1);
}
const perKind = new Map<string, number>();
for (const entry of knowledge.entries) perKind.set(entry.kind, (perKind.get(entry.kind) ?? 0) + 1);
const counts = [...perKind].map(([kind, count]) => `${count} ${kind}`).join(", ");
console.log(`knowledge/ is valid: ${knowledge.entries.length} entries (${counts}), ${knowledge.sources.length} sources`);
