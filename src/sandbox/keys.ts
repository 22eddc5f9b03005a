/**
 * The API keys the sandbox accepts. Two accounts per provider let tests reach the documented
 * "belongs to another account" answers.
 */
export const SANDBOX_KEYS = {
  samsar: 'sandbox-samsar-key',
  samsarOther: 'sandbox-samsar-other-key',
  samautomation: 'sandbox-samautomation-key',
  samautomationOther: 'sandbox-samautomation-other-key',
} as const;
