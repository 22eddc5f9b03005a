/**
 * Every documented constraint of the SamAutomation video, render and async tools is checked before
 * anything is sent. Quota is auto-approved here, so an invalid call that slipped past its schema
 * would reach the sandbox and fail the "nothing sent" assertion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';

const IMG = 'https://cdn.example.com/a.jpg';
const MEDIA = [{ type: 'image', url: IMG, duration: 3 }];
const mix = (extra: Record<string, unknown>) =>
  ['samautomation_mix_video', { media_list: MEDIA, ...extra }] as const;
const withSettings = (settings: Record<string, unknown>) => mix({ settings });
const withExports = (exports: Record<string, unknown>) => mix({ exports });
const LOOP = { media_list: MEDIA, background_url: 'https://cdn.example.com/bg.mp3' };
const ADV = { media_inputs: { main_clips: MEDIA }, render_options: { mode: 'full' } };
const adv = (extra: Record<string, unknown>) =>
  ['samautomation_advanced_video', { ...ADV, ...extra }] as const;
const clips = (list: unknown[]) => adv({ media_inputs: { main_clips: list } });
const SFTP = { type: 'sftp', host: 'files.example.com', username: 'deploy', path: '/in/' };

const cases: Array<[string, readonly [string, Record<string, unknown>], RegExp]> = [
  ['an empty media_list', mix({ media_list: [] }), /No media items provided/],
  ['a misspelled argument instead of dropping it', mix({ setings: { fps: 30 } }), /setings/],
  ['the documented envelope passed as an argument', mix({ data: { media_list: MEDIA } }), /data/],
  ['a misspelled exports field', withExports({ callbackUrl: 'https://hooks.example.com/x' }), /callbackUrl/],
  ['an unknown argument to a read', ['samautomation_list_tasks', { page: 2 }], /page/],
  ['a media item without url', mix({ media_list: [{ type: 'image' }] }), /url/],
  ['a media item without type', mix({ media_list: [{ url: IMG }] }), /type/],
  ['a non-http media URL', mix({ media_list: [{ type: 'image', url: 'file:///etc/passwd' }] }), /http/],
  ['a non-http voice_url', mix({ voice_url: 'ftp://x/voice.mp3' }), /voice_url/],
  [
    'a simple-video item that is not video or image',
    ['samautomation_simple_video', { media_list: [{ type: 'audio', url: IMG }] }],
    /video' or 'image/,
  ],
  ['aspect_ratio 4:3', withSettings({ aspect_ratio: '4:3' }), /aspect_ratio/],
  ['transition_type spin', withSettings({ transition_type: 'spin' }), /transition_type/],
  [
    'transition_direction diagonal',
    withSettings({ transition_direction: 'diagonal' }),
    /transition_direction/,
  ],
  ['zoom_direction sideways', withSettings({ zoom_direction: 'sideways' }), /zoom_direction/],
  ['watermark_position middle', withSettings({ watermark_position: 'middle' }), /watermark_position/],
  ['output_quality ultra', withSettings({ output_quality: 'ultra' }), /output_quality/],
  ['image_duration 31', withSettings({ image_duration: 31 }), /image_duration/],
  ['audio_volume 1.5', withSettings({ audio_volume: 1.5 }), /audio_volume/],
  ['video_volume -0.1', withSettings({ video_volume: -0.1 }), /video_volume/],
  ['zoom_intensity 2', withSettings({ zoom_intensity: 2 }), /zoom_intensity/],
  ['watermark_size 1.1', withSettings({ watermark_size: 1.1 }), /watermark_size/],
  ['watermark_opacity as a string', withSettings({ watermark_opacity: '0.5' }), /watermark_opacity/],
  ['transition_duration 3.5', withSettings({ transition_duration: 3.5 }), /transition_duration/],
  ['audio_fade_in 6', withSettings({ audio_fade_in: 6 }), /audio_fade_in/],
  ['audio_fade_out -1', withSettings({ audio_fade_out: -1 }), /audio_fade_out/],
  ['min_video_duration 61', withSettings({ min_video_duration: 61 }), /min_video_duration/],
  ['video_loop_duration 121', withSettings({ video_loop_duration: 121 }), /video_loop_duration/],
  ['watermark_padding 101', withSettings({ watermark_padding: 101 }), /watermark_padding/],
  ['fps 14', withSettings({ fps: 14 }), /fps/],
  ['fps 61', withSettings({ fps: 61 }), /fps/],
  ['loop_audio as the string "false"', withSettings({ loop_audio: 'false' }), /loop_audio.*boolean/s],
  ['mute_original_audio as 1', withSettings({ mute_original_audio: 1 }), /mute_original_audio/],
  ['loop_video as "yes"', withSettings({ loop_video: 'yes' }), /loop_video/],
  ['zoom_effect as 0', withSettings({ zoom_effect: 0 }), /zoom_effect/],
  ['a text overlay without text', withSettings({ text_overlays: [{ position: 'top' }] }), /text/],
  [
    'a text overlay at the left',
    withSettings({ text_overlays: [{ text: 'x', position: 'left' }] }),
    /position/,
  ],
  [
    'a red text overlay background',
    withSettings({ text_overlays: [{ text: 'x', background: 'red' }] }),
    /background/,
  ],
  [
    'a transcript in the {text} shape',
    mix({ transcripts: [{ text: 'First caption', start: 0, end: 1.8 }] }),
    /\{\\?"words\\?": \\?"...\\?", \\?"start\\?": 0.0, \\?"end\\?": 1.8\}/,
  ],
  ['a transcript ending before it starts', mix({ transcripts: [{ words: 'x', start: 2, end: 1 }] }), /words/],
  ['a loop without background_url', ['samautomation_loop_video', { media_list: MEDIA }], /background_url/],
  ['a loop with duration 0', ['samautomation_loop_video', { ...LOOP, duration: 0 }], /positive/],
  ['a loop with duration "12"', ['samautomation_loop_video', { ...LOOP, duration: '12' }], /duration/],
  [
    'six export destinations',
    withExports({ destinations: Array(6).fill({ type: 'email', to: 'a@b.co' }) }),
    /5/,
  ],
  [
    'a dropbox destination',
    withExports({ destinations: [{ type: 'dropbox', path: '/x' }] }),
    /email, ftp or sftp/,
  ],
  [
    'an email destination with a bad address',
    withExports({ destinations: [{ type: 'email', to: ['nope'] }] }),
    /email/,
  ],
  [
    'an ftp destination without password',
    withExports({ destinations: [{ type: 'ftp', host: 'h', username: 'u', path: '/' }] }),
    /password/,
  ],
  [
    'an sftp destination without password or key',
    withExports({ destinations: [SFTP] }),
    /password or private_key/,
  ],
  [
    'an sftp destination without host',
    withExports({ destinations: [{ ...SFTP, host: undefined, password: 'pw12' }] }),
    /host/,
  ],
  ['a non-http callback_url', withExports({ callback_url: 'ftp://hooks.example.com/x' }), /callback_url/],
  [
    'a named destination with inline fields',
    withExports({ destinations: [{ name: 'ops', type: 'email', to: 'a@b.co' }] }),
    /either name or an inline/,
  ],
  [
    'an unknown named destination',
    withExports({ destinations: [{ name: 'nowhere' }] }),
    /no destination named 'nowhere'/,
  ],
  ['advanced aspect_ratio 4:3', adv({ output_settings: { aspect_ratio: '4:3' } }), /aspect_ratio/],
  ['advanced resolution 4k', adv({ output_settings: { resolution: '4k' } }), /resolution/],
  ['advanced framerate 10', adv({ output_settings: { framerate: 10 } }), /framerate/],
  ['advanced framerate 61', adv({ output_settings: { framerate: 61 } }), /framerate/],
  ['no main clips', clips([]), /1 to 100/],
  ['101 main clips', clips(Array(101).fill(MEDIA[0])), /1 to 100/],
  ['an audio clip', clips([{ type: 'audio', url: IMG }]), /video' or 'image/],
  ['an image clip of 0.05 s', clips([{ type: 'image', url: IMG, duration: 0.05 }]), /0.1 to 30/],
  ['an image clip of 31 s', clips([{ type: 'image', url: IMG, duration: 31 }]), /0.1 to 30/],
  [
    'a gradient background',
    adv({ media_inputs: { main_clips: MEDIA, background: { type: 'gradient' } } }),
    /background.type/,
  ],
  ['a caption over 500 characters', adv({ caption_elements: [{ text_content: 'x'.repeat(501) }] }), /500/],
  ['render mode draft', adv({ render_options: { mode: 'draft' } }), /mode/],
  ['render quality ultra', adv({ render_options: { quality: 'ultra' } }), /quality/],
  ['music volume 150%', adv({ audio_settings: { background_music_volume_percent: 150 } }), /volume_percent/],
  [
    'no media_inputs and no template_id',
    ['samautomation_advanced_video', { render_options: { mode: 'full' } }],
    /main_clips/,
  ],
  ['a progress id that is not a UUID', ['samautomation_get_progress', { id: '../tasks' }], /UUID/],
  [
    'an advanced task id that is not a UUID',
    ['samautomation_advanced_video_progress', { task_id: '12' }],
    /UUID/,
  ],
  ['an async status id that is not a UUID', ['samautomation_async_status', { task_id: 'abc' }], /UUID/],
  ['a cancel id that is not a UUID', ['samautomation_async_cancel', { task_id: 'a/b' }], /UUID/],
  ['list limit 0', ['samautomation_list_tasks', { limit: 0 }], /limit/],
  ['list limit 101', ['samautomation_list_tasks', { limit: 101 }], /limit/],
  ['list status done', ['samautomation_list_tasks', { status: 'done' }], /status/],
  ['usage days 0', ['samautomation_usage_summary', { days: 0 }], /days/],
  ['usage days 1.5', ['samautomation_usage_summary', { days: 1.5 }], /days/],
];

describe('samautomation video tools refuse invalid arguments without sending', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { VIDEOGEN_AUTO_APPROVE_QUOTA: '1' } });
  });
  afterAll(() => h.close());

  it.each(cases)('refuses %s', async (_what, [tool, args], message) => {
    const before = h.sandbox.requests.entries.length;
    const r = await h.call(tool, args);
    expect(r.isError, h.text(r)).toBe(true);
    expect(h.text(r)).toMatch(message);
    expect(h.sandbox.requests.entries.length).toBe(before);
  });

  it('accepts the reference examples as written (the refusals above are not blanket)', async () => {
    const ok = [
      mix({
        settings: {
          aspect_ratio: '1:1',
          fps: 60,
          audio_volume: 0,
          text_overlays: [{ text: 'Hi', position: 'bottom', background: 'semi-transparent' }],
        },
      }),
      adv({
        media_inputs: {
          main_clips: [{ type: 'image', url: IMG, duration: 0.1 }],
          background: { type: 'color', value: '#000000' },
        },
      }),
      withExports({
        callback_url: 'https://hooks.example.com/video-completed',
        destinations: [{ type: 'email', to: ['ops@example.com', 'creator@example.com'] }],
      }),
    ];
    for (const [tool, args] of ok) {
      const r = await h.call(tool, args);
      expect(r.isError, h.text(r)).toBeFalsy();
    }
  });
});
