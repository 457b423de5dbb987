import { foldText } from "../text/normalize.js";
import type { Source } from "./schema.js";

/** A listed source by its id, or by a word of its title, author or publisher ("bescotti", "Kazinform"). */
export function findSource<Listed extends Pick<Source, "id" | "title" | "author" | "publisher">>(sources: Iterable<Listed>, name: string): Listed | undefined {
  const listed = [...sources];
  const key = foldText(name);
  if (!key) return undefined;
  return listed.find((source) => source.id === name.trim()) ?? listed.find((source) => foldText(`${source.title} ${source.author} ${source.publisher}`).includes(key));
}
