import type { ShardReport } from "../ops/shard-ops.js";

/** The supervisor's question to a shard process, over the IPC channel discord.js opened. */
export interface ReportRequest {
  cstoReportRequest: number;
}

export interface ReportReply {
  cstoReport: number;
  report: ShardReport;
}

function isRequest(message: unknown): message is ReportRequest {
  return typeof (message as ReportRequest | null)?.cstoReportRequest === "number";
}

export function isReportReply(message: unknown): message is ReportReply {
  return typeof (message as ReportReply | null)?.cstoReport === "number";
}

/** In a shard process: answers the supervisor's requests for this shard's report. */
export function answerReportRequests(report: () => Promise<ShardReport>): void {
  process.on("message", (message) => {
    if (!isRequest(message)) return;
    report()
      // The channel closes when the supervisor goes; the reply is then nobody's concern.
      .then((answer) => process.send?.({ cstoReport: message.cstoReportRequest, report: answer } satisfies ReportReply, undefined, undefined, () => undefined))
      .catch(() => undefined);
  });
}
