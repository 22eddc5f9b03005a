import { describe, expect, it } from 'vitest';
import { GENERATED_SECRET_PREFIXES, REDACTED, redact, redactValue } from '../../src/redact.js';

describe('redaction of the secrets the server makes itself', () => {
  const token = `${GENERATED_SECRET_PREFIXES.callbackToken}${'A1b2_c3-'.repeat(4)}`;
  const secret = `${GENERATED_SECRET_PREFIXES.callbackSecret}${'Zz09-_'.repeat(7)}`;

  it('scrubs callback tokens and secrets without registering them', () => {
    const line = `POST https://example.test/callbacks/samsar/${token} signed with ${secret}`;
    expect(redact(line)).toBe(
      `POST https://example.test/callbacks/samsar/${REDACTED} signed with ${REDACTED}`,
    );
    expect(
      JSON.stringify(redactValue({ exports: { callback_secret: secret, callback_url: token } })),
    ).not.toMatch(/vgc[bs]_/);
  });

  it('leaves confirmation tokens and ordinary text alone', () => {
    const text = 'confirmation_token vg2_AbCdEfGhIjKlMnOpQrStUvWxYz012345 and vgcb_short';
    expect(redact(text)).toBe(text);
  });
});
