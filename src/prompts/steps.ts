/** Pieces the flow prompts share: following the job to the end and saving the file. */
import type { GetPromptResult } from '@modelcontextprotocol/server';

export function followAndSave(provider: 'samsar' | 'samautomation', first: number): string[] {
  return [
    `${first}. Call wait_for_job {"provider": "${provider}", "id": <the job id from the result>}. While it answers state "pending", call it again; tell me the stage it reports.`,
    `${first + 1}. When it is completed, call download_video {"provider": "${provider}", "id": <the job id>} and tell me the file path, size and duration. If it failed, tell me the reason.`,
  ];
}

export function userMessage(text: string): GetPromptResult {
  return { messages: [{ role: 'user', content: { type: 'text', text } }] };
}
