/**
 * Each provider on its own: called for real with its key, answered by the embedded sandbox, or (with
 * VIDEOGEN_SANDBOX=0 and no key) not callable at all. Said at start, in the server instructions and
 * on every result, and enforced before anything is quoted, asked or sent.
 */
import { type Config, KEY_VARIABLE, PROVIDERS } from './config.js';
import { type Provider, SetupError } from './errors.js';

export const PROVIDER_NAME: Readonly<Record<Provider, string>> = {
  samsar: 'Samsar',
  samautomation: 'SamAutomation',
};

export function isSandboxed(config: Config, provider: Provider): boolean {
  return config[provider].mode === 'sandbox';
}

/** How `provider` is reached, e.g. "Samsar: embedded sandbox (no SAMSAR_API_KEY; ...)". */
export function describeProvider(config: Config, provider: Provider): string {
  const c = config[provider];
  const key = KEY_VARIABLE[provider];
  const state =
    c.mode === 'live'
      ? `real API at ${c.baseUrl}`
      : c.mode === 'sandbox'
        ? `embedded sandbox (${c.apiKey ? 'VIDEOGEN_SANDBOX=1' : `no ${key}`}; nothing is real or charged)`
        : `not configured (no ${key} and VIDEOGEN_SANDBOX=0): its calls are refused`;
  return `${PROVIDER_NAME[provider]}: ${state}`;
}

/** One clause per provider, for the start-up line. */
export function describeProviders(config: Config): string {
  return PROVIDERS.map((p) => describeProvider(config, p)).join('; ');
}

/** The refusal for a call to a provider that cannot be called, naming the variable to set. */
export function notConfigured(provider: Provider): SetupError {
  const key = KEY_VARIABLE[provider];
  return new SetupError(
    `${PROVIDER_NAME[provider]} is not configured: set ${key} (VIDEOGEN_SANDBOX=0 turns the sandbox off, so nothing answers without a key). Nothing was quoted or sent.`,
    `Set ${key} in the server's environment, or unset VIDEOGEN_SANDBOX to let the embedded sandbox answer for ${PROVIDER_NAME[provider]}.`,
    { provider, variable: key },
  );
}

/** Throws the not_configured refusal when `provider` has neither a key nor the sandbox. */
export function requireCallable(config: Config, provider: Provider): void {
  if (config[provider].mode === 'off') throw notConfigured(provider);
}
