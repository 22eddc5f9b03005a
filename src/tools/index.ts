/** The server's own tools, in the order tools/list shows them. */
import type { OwnTool } from './define.js';
import { downloadVideo } from './download-video.js';
import { estimateCost } from './estimate-cost.js';
import { spendingReportTool } from './spending-report.js';
import { waitForJob } from './wait-for-job.js';

export const ownTools: OwnTool[] = [estimateCost, spendingReportTool, waitForJob, downloadVideo];
