/** A result shown as its own sentence: an error, or an answer no panel is made for. */
import { h, replace } from './dom.js';

export function message(root: Element, title: string, text: string, alert = false): void {
  replace(
    root,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'message-title' },
      h('h1', { id: 'message-title' }, title),
      h('p', alert ? { role: 'alert' } : {}, text),
    ),
  );
}
