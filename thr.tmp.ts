import { createKnowledgeBase } from "/work/main/src/knowledge/knowledge-base.js";
import { readQuestionSet } from "/work/main/src/quality/question-set.js";
import { judge } from "/work/main/src/quality/score.js";
const { answers } = createKnowledgeBase();
const ts = [0.8, 0.85, 0.88, 0.9, 0.93, 0.97];
for (const f of process.argv.slice(2)) {
  const rows = readQuestionSet(f).map(q => { const a = answers.ask(q.q, undefined, 0); return { c: a.answered ? a.confidence : -1, ok: judge(q, a).ok, oos: !!q.expect.abstain }; });
  const n = rows.filter(r => !r.oos).length, m = rows.length - n;
  console.log(f.padEnd(20), ts.map(t => { const ans = rows.filter(r => r.c >= t); const right = ans.filter(r => !r.oos && r.ok).length; const wrong = ans.length - right; const refused = rows.filter(r => r.oos && r.c < t).length; return `${t}: ${(100*right/n).toFixed(0)}/${(100*refused/m).toFixed(0)}/${(100*wrong/Math.max(1,ans.length)).toFixed(1)}`; }).join("  "));
}
