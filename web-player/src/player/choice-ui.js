/**
 * The options (or the question) over the video while a window is open: buttons with their
 * number, the default marked, a countdown, and after a pick the option taken. Mouse, touch
 * and keyboard (keys.js); focus moves to the options and a live region announces them.
 */
import { optionKey } from './keys.js';
import { countdownText } from './countdown.js';

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export class ChoiceOverlay {
  /**
   * @param parent where the overlay lives (inside the player's shadow root)
   * @param live the aria-live region that announces what is shown
   * @param handlers {onChoose(index), onAnswer(text)}
   */
  constructor(parent, live, handlers) {
    this.live = live;
    this.handlers = handlers;
    this.root = el('div', 'choice');
    this.root.hidden = true;
    this.root.setAttribute('role', 'group');
    this.root.addEventListener('keydown', (e) => this.onKey(e));
    parent.append(this.root);
    this.buttons = [];
    this.shownFor = null;
  }

  /** Shows the options of a choice; `id` names the window so showing it again is a no-op. */
  showChoice(id, choice, autoFocus) {
    if (this.shownFor === id) return;
    this.clear(id);
    this.root.setAttribute('aria-label', 'Choose what happens next');
    const list = el('div', 'options');
    this.buttons = choice.options.map((option, i) => {
      const b = el('button', 'option');
      b.type = 'button';
      b.dataset.index = String(option.index);
      if (option.default) b.classList.add('default');
      b.append(el('span', 'key', String(i + 1)), el('span', 'label', option.label));
      if (option.default) b.append(el('span', 'mark', 'default'));
      b.addEventListener('click', () => this.choose(i));
      list.append(b);
      return b;
    });
    this.options = choice.options;
    this.root.append(list, this.countdown());
    this.root.hidden = false;
    const labels = choice.options.map((o, i) => `${i + 1}: ${o.label}${o.default ? ' (default)' : ''}`).join('; ');
    this.live.textContent = `Choose: ${labels}.`;
    if (autoFocus) (this.buttons.find((b) => b.classList.contains('default')) || this.buttons[0])?.focus({ preventScroll: true });
  }

  /** Shows a question with a text field (1 to 40 characters). */
  showQuestion(id, question, autoFocus) {
    if (this.shownFor === id) return;
    this.clear(id);
    this.root.setAttribute('aria-label', question.text);
    const form = el('form', 'question');
    const label = el('label', 'label', question.text);
    const input = el('input');
    input.type = 'text';
    input.maxLength = 40;
    input.required = true;
    input.autocomplete = 'off';
    label.append(input);
    const send = el('button', 'option send', 'Answer');
    send.type = 'submit';
    form.append(label, send);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = input.value.trim();
      if (text.length < 1 || text.length > 40) return;
      this.handlers.onAnswer(text);
    });
    this.input = input;
    this.root.append(form, this.countdown());
    this.root.hidden = false;
    this.live.textContent = `Question: ${question.text}`;
    if (autoFocus) input.focus({ preventScroll: true });
  }

  countdown() {
    const box = el('div', 'countdown');
    this.bar = el('div', 'bar');
    this.seconds = el('span', 'seconds');
    box.append(this.bar, this.seconds);
    return box;
  }

  /** Updates the countdown from windowState(). */
  tick(state) {
    if (!this.bar) return;
    this.bar.style.transform = `scaleX(${state.fraction})`;
    this.seconds.textContent = String(state.seconds);
    this.seconds.setAttribute('aria-label', countdownText(state.seconds));
  }

  choose(i) {
    if (this.taken !== undefined || !this.options) return;
    this.handlers.onChoose(this.options[i].index, i);
  }

  /** Marks the option taken (by the viewer or the timer) and locks the others. */
  markTaken(optionIndex, text) {
    this.taken = optionIndex;
    this.root.classList.add('taken');
    for (const b of this.buttons) {
      const isIt = Number(b.dataset.index) === optionIndex;
      b.classList.toggle('picked', isIt);
      b.setAttribute('aria-pressed', String(isIt));
      b.disabled = true;
    }
    if (this.input) this.input.disabled = true;
    const picked = this.options?.find((o) => o.index === optionIndex);
    this.live.textContent = picked ? `Taken: ${picked.label}` : text ? `Answered: ${text}` : '';
  }

  onKey(e) {
    if (this.input || this.taken !== undefined) return;
    const focused = this.buttons.indexOf(this.root.getRootNode().activeElement);
    const act = optionKey(e.key, this.buttons.length, focused);
    if (!act) return;
    e.preventDefault();
    e.stopPropagation();
    if (act.action === 'focus') this.buttons[act.index].focus();
    else this.choose(act.index);
  }

  /** Number keys work anywhere in the player while options are shown. */
  handleKey(e) {
    if (this.root.hidden) return;
    this.onKey(e);
  }

  get visible() {
    return !this.root.hidden;
  }

  clear(id = null) {
    this.root.replaceChildren();
    this.root.classList.remove('taken');
    this.root.hidden = true;
    this.shownFor = id;
    this.buttons = [];
    this.options = null;
    this.input = null;
    this.bar = null;
    this.taken = undefined;
    this.hideAt = undefined;
  }

  hide() {
    if (this.root.hidden) return;
    this.clear(this.shownFor);
  }

  destroy() {
    this.root.remove();
  }
}
