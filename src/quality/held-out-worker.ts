// A worker of judgeEachHeldOut: judges the fitting set at each index it is sent.
import { parentPort, workerData } from "node:worker_threads";
import { answerServices, judgeHeldOut, type HeldOutData } from "./held-out.js";

const data = workerData as HeldOutData;
const answersWith = answerServices();
parentPort!.on("message", (index: number) => {
  parentPort!.postMessage({ index, judged: judgeHeldOut(data, data.fitSets[index]!, answersWith) });
});
