/**
 * Settings that can only be checked against what the server has loaded: tool names against the
 * tool manifest, named export destinations against the rules applied when one is used. Run once by
 * createApp, so a typo stops the server at start (one line, exit 2) instead of leaving it with no
 * tools or failing the first render that needs a destination.
 */

import { ALL_TOOLSETS, type Config, ConfigError, settingLabel } from './config.js';
import { closestName } from './did-you-mean.js';
import type { Logger } from './log.js';
import type { ToolManifestEntry } from './tool-surface/tool-manifest.js';
import { selectTools } from './tool-surface/tool-manifest.js';

function checkToolNames(config: Config, manifest: readonly ToolManifestEntry[]): void {
  if (!config.tools) return;
  const known = manifest.map((t) => t.name);
  const unknown = config.tools.filter((name) => !known.includes(name));
  if (unknown.length) {
    const described = unknown.map((name) => {
      const near = closestName(name, known);
      return `'${name}'${near ? ` (did you mean ${near}?)` : ''}`;
    });
    throw new ConfigError(
      `invalid ${settingLabel(config, 'VIDEOGEN_TOOLS')}: unknown tool${unknown.length > 1 ? 's' : ''} ${described.join(', ')}`,
    );
  }
}

async function checkExportDestinations(config: Config): Promise<void> {
  if (config.exportDestinations === undefined) return;
  // Loaded only when the setting is used: the schemas are not needed at start otherwise.
  const { exportDestinationsProblem } = await import('./providers/samautomation/exports.js');
  const problem = exportDestinationsProblem(config.exportDestinations);
  if (problem) throw new ConfigError(`invalid VIDEOGEN_EXPORT_DESTINATIONS: ${problem}`);
}

export async function checkStartup(
  config: Config,
  manifest: readonly ToolManifestEntry[],
  logger: Logger,
): Promise<void> {
  checkToolNames(config, manifest);
  await checkExportDestinations(config);
  if (selectTools(manifest, config).length === 0) {
    const filters = [
      config.tools ? settingLabel(config, 'VIDEOGEN_TOOLS') : '',
      config.toolsets.length < ALL_TOOLSETS.length ? settingLabel(config, 'VIDEOGEN_TOOLSETS') : '',
      config.readOnly ? settingLabel(config, 'VIDEOGEN_READ_ONLY') : '',
    ].filter(Boolean);
    logger.warn(`no tool is exposed: ${filters.join(', ')} together leave none`);
  }
}
