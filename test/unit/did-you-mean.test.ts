import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from '../../src/did-you-mean.js';

describe('closestName', () => {
  const settingsKeys = ['transition_type', 'transition_duration', 'fps', 'aspect_ratio', 'output_quality'];

  it('finds the documented key a near miss means', () => {
    expect(closestName('transition', ['transition_type', 'fps'])).toBe('transition_type');
    expect(closestName('fps_', settingsKeys)).toBe('fps');
    expect(closestName('aspectRatio', settingsKeys)).toBe('aspect_ratio');
    expect(closestName('ouput_quality', settingsKeys)).toBe('output_quality');
    expect(closestName('wait_for_jobs', ['wait_for_job', 'download_video'])).toBe('wait_for_job');
    expect(closestName('VIDEOGEN_TOOL', ['VIDEOGEN_TOOLSETS', 'VIDEOGEN_TOOLS'])).toBe('VIDEOGEN_TOOLS');
  });

  it('stays silent when nothing is close', () => {
    expect(closestName('colour_grading', settingsKeys)).toBeUndefined();
    expect(closestName('', settingsKeys)).toBeUndefined();
    expect(closestName('x', ['fps'])).toBeUndefined();
  });

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('fsp', 'fps')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
