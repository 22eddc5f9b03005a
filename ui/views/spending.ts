/** The Spending view (spending_report): spend by day and by tool, and the providers' balances. */
import { message } from '../message.js';
import type { SpendingReport } from '../results.js';
import { structured, summaryOf } from '../results.js';
import { spendingPanel } from '../spending-panel.js';
import { startView } from '../start.js';

void startView('videogen-spending', (root, bridge, result) => {
  if (result.isError) return message(root, 'No report', summaryOf(result), true);
  spendingPanel(root, structured(result) as unknown as SpendingReport, bridge.context);
});
