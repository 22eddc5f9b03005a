/**
 * The server and the views spell the MCP Apps protocol without loading the ext-apps package at run
 * time; these are its own constants, so a package update that changes one fails here.
 */
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/ext-apps/app-bridge';
import {
  EXTENSION_ID,
  RESOURCE_MIME_TYPE,
  RESOURCE_URI_META_KEY,
} from '@modelcontextprotocol/ext-apps/server';
import { describe, expect, it } from 'vitest';
import { LEGACY_URI_KEY, UI_EXTENSION_ID, VIEW_MIME_TYPE } from '../../src/apps/ui-extension.js';
import { APPS_PROTOCOL_VERSION } from '../../ui/protocol.js';

describe('MCP Apps constants', () => {
  it('match the ext-apps package', () => {
    expect(UI_EXTENSION_ID).toBe(EXTENSION_ID);
    expect(VIEW_MIME_TYPE).toBe(RESOURCE_MIME_TYPE);
    expect(LEGACY_URI_KEY).toBe(RESOURCE_URI_META_KEY);
    expect(SUPPORTED_PROTOCOL_VERSIONS).toContain(APPS_PROTOCOL_VERSION);
  });
});
