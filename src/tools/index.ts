/** The server's own tools, in the order tools/list shows them. */
import type { OwnTool } from './define.js';

export const ownTools: OwnTool[] = [];
