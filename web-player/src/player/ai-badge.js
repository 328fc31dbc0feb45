/**
 * The "AI" badge over generated footage, and the panel it opens: which model made the scene
 * playing now, from which prompts, at which render tier, and whether its Content Credentials
 * verify (credentials.js reads them from the visit's first fetched segment). It sits top
 * right, clear of the disclosure label the renderer burns in top left and of the captions
 * and options at the bottom (renderer compose/Captions.java). It imports nothing of
 * credentials.js, which the player loads only once a segment has come.
 */

/** A model's hash shortened for people: the first 12 hex digits (after any name prefix), then an ellipsis. */
export function shortHash(hash) {
  const m = /^(.*?)([0-9a-f]{16,})$/i.exec(String(hash));
  return m ? `${m[1]}${m[2].slice(0, 12)}…` : String(hash);
}

/** What a render tier means to a viewer. */
export function tierText(tier) {
  if (tier === 'full') return 'Full quality';
  if (tier === 'draft') return 'Quick draft (made fast so the story did not have to wait)';
  if (tier === 'rough') return 'Rough draft (fewer pictures a second, made fastest so the story did not have to wait)';
  return tier ? String(tier) : 'Not stated';
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export class AiBadge {
  /**
   * @param parent where the badge and panel live (inside the player's shadow root)
   * @param certificateUrl where the server's signing certificate is (a link in the panel)
   */
  constructor(parent, certificateUrl) {
    this.certificateUrl = certificateUrl;
    this.button = el('button', 'ai-badge', 'AI');
    this.button.type = 'button';
    this.button.hidden = true;
    this.button.setAttribute('part', 'ai-badge');
    this.button.setAttribute('aria-label', 'AI-generated scene: about this video');
    this.button.setAttribute('aria-haspopup', 'dialog');
    this.button.setAttribute('aria-expanded', 'false');
    this.button.setAttribute('aria-controls', 'ai-about');
    this.panel = el('div', 'ai-about');
    this.panel.id = 'ai-about';
    this.panel.hidden = true;
    this.panel.setAttribute('part', 'ai-about');
    this.panel.setAttribute('role', 'dialog');
    this.panel.setAttribute('aria-labelledby', 'ai-about-title');
    // The heading and close button stay; the facts below them change with the scene.
    const head = el('div', 'ai-head');
    this.title = el('h2');
    this.title.id = 'ai-about-title';
    this.closeButton = el('button', 'ai-close', '×');
    this.closeButton.type = 'button';
    this.closeButton.setAttribute('aria-label', 'Close');
    head.append(this.title, this.closeButton);
    this.body = el('div', 'ai-body');
    this.panel.append(head, this.body);
    this.onClick = () => (this.isOpen ? this.close() : this.open());
    this.onClose = () => this.close();
    // Escape anywhere in the player closes the panel (and goes no further: not a key for the options).
    this.onKey = (e) => {
      if (e.key !== 'Escape' || !this.isOpen) return;
      e.preventDefault();
      e.stopPropagation();
      this.close();
    };
    this.button.addEventListener('click', this.onClick);
    this.closeButton.addEventListener('click', this.onClose);
    this.parent = parent;
    parent.addEventListener('keydown', this.onKey);
    parent.append(this.button, this.panel);
    this.credentials = null;
  }

  get isOpen() {
    return !this.panel.hidden;
  }

  /**
   * The credentials of the visit playing now (null: none read yet, or not signed). The badge
   * shows while they declare generated footage; an open panel keeps what it was opened on.
   */
  show(credentials) {
    if (credentials === this.credentials) return;
    this.credentials = credentials;
    const on = Boolean(credentials?.generated);
    this.button.hidden = !on;
    // An open panel follows the scene: another generated one is described, anything else closes it.
    if (this.isOpen && on) this.fill(credentials);
    else if (this.isOpen) this.close(false);
  }

  open() {
    if (!this.credentials?.generated) return;
    this.fill(this.credentials);
    this.panel.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    this.closeButton.focus();
  }

  /** Closes the panel; focus goes back to the badge when it had been in the panel (`refocus`) and the badge is there. */
  close(refocus = true) {
    if (!this.isOpen) return;
    const hadFocus = this.panel.contains(this.parent.activeElement);
    this.panel.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (refocus && hadFocus && !this.button.hidden) this.button.focus();
  }

  /** Hides the badge and the panel (the session stops). */
  clear() {
    this.close(false);
    this.show(null);
  }

  destroy() {
    this.button.removeEventListener('click', this.onClick);
    this.closeButton.removeEventListener('click', this.onClose);
    this.parent.removeEventListener('keydown', this.onKey);
    this.button.remove();
    this.panel.remove();
  }

  fill(c) {
    this.title.textContent = /compositeWithTrainedAlgorithmicMedia$/.test(c.sourceType || '') ? 'Partly made by a model' : 'Made by a model';
    const facts = el('dl');
    const fact = (term, ...values) => {
      facts.append(el('dt', null, term));
      const dd = el('dd');
      dd.append(...values);
      facts.append(dd);
    };
    if (c.models.length) {
      const list = el('ul', 'models');
      for (const m of c.models) {
        const li = el('li');
        const hash = el('code', 'hash', shortHash(m.hash));
        hash.title = `model identity ${m.hash}`;
        li.append(el('span', 'name', m.name), ` (${m.role}) `, hash);
        list.append(li);
      }
      fact(c.models.length > 1 ? 'Models' : 'Model', list);
    }
    if (c.prompts.length) {
      const list = el('ul', 'prompts');
      for (const p of c.prompts) list.append(el('li', null, `“${p}”`));
      fact(c.prompts.length > 1 ? 'Prompts' : 'Prompt', list);
    }
    fact('Quality', tierText(c.tier));

    const trust = el('p', `ai-trust ${c.verified ? 'verified' : 'unverified'}`);
    if (c.verified) {
      trust.textContent = `Content Credentials: verified — signed by ${c.signer.subject} (fingerprint ${shortHash(c.signer.fingerprint)})`;
      trust.title = `SHA-256 fingerprint of the signer's certificate: ${c.signer.fingerprint}`;
    } else {
      trust.textContent = `Content Credentials: not verified: ${c.problems[0] || 'unknown reason'}`;
    }
    const cert = el('a', 'ai-cert', "The server's signing certificate");
    cert.href = this.certificateUrl;
    cert.target = '_blank';
    cert.rel = 'noopener';
    this.body.replaceChildren(facts, trust, cert);
  }
}
