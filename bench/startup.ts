// Started as its own process: prints how long the process took to become ready to answer.
import { createKnowledgeBase } from "../src/knowledge/knowledge-base.js";

const { answers } = createKnowledgeBase();
answers.ask("member armenia");
process.stdout.write(`${JSON.stringify({ readyMs: performance.now() })}\n`);
