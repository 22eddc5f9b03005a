/** The server's own tools, in the order tools/list shows them. */
import type { OwnTool } from './define.js';
import { estimateCost } from './estimate-cost.js';

export const ownTools: OwnTool[] = [estimateCost];
