/**
 * Who may call the HTTP transport: VIDEOGEN_HTTP_TOKENS (a file path or inline JSON, one entry per
 * agent or team member, each with its own bearer token and optional daily budget), or the single
 * VIDEOGEN_HTTP_TOKEN as the one principal `default`. Checked at start with one-line errors that name
 * the entry and never print a token.
 */
import { readFileSync } from 'node:fs';
import { closestName } from './did-you-mean.js';
import { LOCAL_PRINCIPAL } from './store/ledger-record.js';

/** The principal of the single VIDEOGEN_HTTP_TOKEN. */
export const DEFAULT_PRINCIPAL = 'default';

export interface Principal {
  readonly name: string;
  readonly token: string;
  /** Credits this principal may have counted per UTC day (within VIDEOGEN_DAILY_CREDIT_BUDGET). */
  readonly dailyBudget?: number;
  /** spending_report shows every principal's rows (the single token), or only its own (a list entry). */
  readonly seesAll: boolean;
}

const KEYS = ['name', 'token', 'daily_budget'];
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;
const SHAPE = 'expected [{"name": ..., "token": ..., "daily_budget"?: ...}]';

/** The text of VIDEOGEN_HTTP_TOKENS: inline JSON when it starts with `[`, else the file it names. */
function tokensText(value: string): string {
  if (value.trimStart().startsWith('[')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the file ${value} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function entryOf(raw: unknown, n: number): Principal {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`entry ${n} is not an object`);
  const e = raw as Record<string, unknown>;
  const label = typeof e.name === 'string' ? `entry ${n} ("${e.name}")` : `entry ${n}`;
  for (const key of Object.keys(e)) {
    if (KEYS.includes(key)) continue;
    const near = closestName(key, KEYS);
    throw new Error(`${label}: unknown key '${key}'${near ? ` (did you mean ${near}?)` : ''}`);
  }
  if (typeof e.name !== 'string' || !NAME.test(e.name))
    throw new Error(`${label}: name must be 1-64 letters, digits, _ . @ - (starting with a letter or digit)`);
  if (e.name === LOCAL_PRINCIPAL)
    throw new Error(`${label}: the name '${LOCAL_PRINCIPAL}' is reserved for stdio and tokenless HTTP`);
  if (typeof e.token !== 'string' || e.token.length < 16)
    throw new Error(`${label}: token must be a string of at least 16 characters`);
  if (/\s/.test(e.token)) throw new Error(`${label}: token must not contain spaces`);
  const budget = e.daily_budget;
  if (budget !== undefined && !(typeof budget === 'number' && Number.isInteger(budget) && budget > 0))
    throw new Error(`${label}: daily_budget must be a positive whole number of credits`);
  return { name: e.name, token: e.token, dailyBudget: budget as number | undefined, seesAll: false };
}

/** The principals of VIDEOGEN_HTTP_TOKENS; throws with the problem (no token in it) on the first fault. */
export function parsePrincipals(value: string): Principal[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(tokensText(value));
  } catch (err) {
    // JSON.parse quotes the text it failed on, which would print tokens: say where, not what.
    if (err instanceof SyntaxError) throw new Error(`not valid JSON (${SHAPE})`);
    throw err;
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new Error(`not a non-empty list (${SHAPE})`);
  const principals = parsed.map((raw, i) => entryOf(raw, i + 1));
  principals.forEach((p, i) => {
    const earlier = principals.slice(0, i);
    if (earlier.some((q) => q.name === p.name))
      throw new Error(`entry ${i + 1}: the name "${p.name}" is used twice`);
    const same = earlier.findIndex((q) => q.token === p.token);
    if (same >= 0)
      throw new Error(
        `entry ${i + 1} ("${p.name}") has the same token as entry ${same + 1} ("${principals[same]!.name}")`,
      );
  });
  return principals;
}

/** The single VIDEOGEN_HTTP_TOKEN as a principal: it is the whole team, so it sees all spending. */
export function defaultPrincipal(token: string): Principal {
  return { name: DEFAULT_PRINCIPAL, token, seesAll: true };
}
