import './setup.js';
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { RapportElement } from '../../src/components/base/rapport-element.js';
import { RENDER_BUDGET_MS, updatesWaiting } from '../../src/components/base/render-turns.js';
import { nextTask } from '../../src/data/turns.js';

/** Whether the task a render ran in is the one a mark was set in: a message posted then has not arrived yet. */
let markedTask = { current: false };
function markTask(): void {
  const mark = { current: true };
  markedTask = mark;
  void nextTask().then(() => (mark.current = false));
}

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // A render that costs `ms`.
  }
};

/** A child whose render costs `cost` ms and records whether it ran in the marked task. */
class TurnChild extends RapportElement {
  @property({ type: Number }) cost = 0;
  @property() label = '';
  renderedInMarkedTask: boolean | null = null;
  override render() {
    busy(this.cost);
    this.renderedInMarkedTask = markedTask.current;
    return html`<span>${this.label}</span>`;
  }
}
customElements.define('rapport-test-turn-child', TurnChild);

/** A parent of `count` children, each costing `cost` ms, that may nest a second level. */
class TurnParent extends RapportElement {
  @property({ type: Number }) count = 0;
  @property({ type: Number }) cost = 0;
  @property({ type: Boolean }) nested = false;
  override render() {
    markTask();
    return html`${Array.from({ length: this.count }, (_, i) =>
      this.nested
        ? html`<rapport-test-turn-parent .count=${2} .cost=${this.cost}></rapport-test-turn-parent>`
        : html`<rapport-test-turn-child .cost=${this.cost} label=${`child ${i}`}></rapport-test-turn-child>`,
    )}`;
  }
}
customElements.define('rapport-test-turn-parent', TurnParent);

const children = (root: Element): TurnChild[] => {
  const out: TurnChild[] = [];
  for (const el of root.shadowRoot!.querySelectorAll('*')) {
    if (el instanceof TurnChild) out.push(el);
    else if (el instanceof TurnParent) out.push(...children(el));
  }
  return out;
};

async function mounted(count: number, cost: number, nested = false): Promise<TurnParent> {
  // Mounted in a task of its own, after whatever rendering the test runner did.
  await nextTask();
  const el = document.createElement('rapport-test-turn-parent') as TurnParent;
  Object.assign(el, { count, cost, nested });
  document.body.append(el);
  return el;
}

/** A parent of `count` costly children, at the moment its render has run and some children wait for a task of their own. */
async function mountedWithChildrenWaiting(count: number): Promise<TurnParent> {
  await nextTask();
  const el = document.createElement('rapport-test-turn-parent') as TurnParent;
  Object.assign(el, { count, cost: RENDER_BUDGET_MS });
  // A message posted before the parent renders arrives before any child's turn.
  const beforeTurns = nextTask();
  document.body.append(el);
  await beforeTurns;
  expect(updatesWaiting().waiting, 'children waiting').to.be.greaterThan(0);
  return el;
}

describe('rendering in turns', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('rapport-test-turn-parent')) el.remove();
    // Nothing left marked: an element that rendered or left the page is forgotten.
    expect(updatesWaiting()).to.deep.equal({ waiting: 0, pending: 0 });
  });

  it('renders cheap children in their parent\'s task, as Lit does', async () => {
    const el = await mounted(8, 0);
    await el.updateComplete;
    const all = children(el);
    expect(all).to.have.length(8);
    expect(all.every((c) => c.renderedInMarkedTask === true), 'every child in the parent\'s task').to.equal(true);
    expect(updatesWaiting().waiting).to.equal(0);
  });

  it('gives a child a task of its own once its parent\'s task has rendered for the budget, and the parent\'s updateComplete waits for it', async () => {
    const cost = RENDER_BUDGET_MS / 2 + 1;
    const el = await mounted(6, cost);
    await el.updateComplete;
    const all = children(el);
    expect(all).to.have.length(6);
    // Every child rendered when the parent's updateComplete resolves.
    for (const [i, c] of all.entries()) expect(c.shadowRoot!.textContent, `child ${i}`).to.include(`child ${i}`);
    const inParentsTask = all.filter((c) => c.renderedInMarkedTask === true).length;
    // At most two children fit the budget (the second starts before it is spent); the rest wait.
    expect(inParentsTask, 'children rendered in the parent\'s task').to.be.at.most(2);
    expect(all.some((c) => c.renderedInMarkedTask === false), 'some in later tasks').to.equal(true);
    expect(updatesWaiting().waiting).to.equal(0);
  });

  it('an update that starts a task renders at once, however long the last task rendered', async () => {
    const el = await mounted(3, RENDER_BUDGET_MS + 2);
    await el.updateComplete;
    // The children's next update, each set in a task of its own: none waits.
    for (const c of children(el)) {
      await nextTask();
      markTask();
      c.label = 'again';
      await c.updateComplete;
      expect(c.renderedInMarkedTask, 'rendered in the task that set it').to.equal(true);
    }
  });

  it('waits for children of children, through two shadow roots', async () => {
    const el = await mounted(4, RENDER_BUDGET_MS / 2 + 1, true);
    await el.updateComplete;
    const all = children(el);
    expect(all).to.have.length(8);
    for (const c of all) expect(c.shadowRoot!.querySelector('span'), 'rendered').to.not.equal(null);
    expect(all.some((c) => c.renderedInMarkedTask === false), 'some in later tasks').to.equal(true);
    expect(updatesWaiting().waiting).to.equal(0);
  });

  it('a child waiting for its turn is empty until then, and its own updateComplete waits for it', async () => {
    const el = await mountedWithChildrenWaiting(5);
    const last = children(el).at(-1)!;
    expect(last.shadowRoot?.querySelector('span') ?? null, 'not rendered yet').to.equal(null);
    expect(await last.updateComplete).to.equal(true);
    expect(last.shadowRoot!.querySelector('span')!.textContent).to.equal('child 4');
    await el.updateComplete;
    expect(updatesWaiting().waiting).to.equal(0);
  });

  it('an update after a pause in a busy task starts a turn of its own and renders at once', async () => {
    const el = await mounted(3, 0);
    await el.updateComplete;
    const [a, b] = children(el);
    await nextTask();
    markTask();
    // One render over the budget, then other work (no rendering) in the same task, then an update.
    a!.cost = RENDER_BUDGET_MS + 4;
    await a!.updateComplete;
    busy(10);
    b!.label = 'after a pause';
    await b!.updateComplete;
    expect(b!.renderedInMarkedTask, 'rendered in the same task').to.equal(true);
  });

  it('a child that leaves the page while it waits is forgotten, and still renders', async () => {
    const el = await mountedWithChildrenWaiting(4);
    const last = children(el).at(-1)!;
    el.remove();
    expect(updatesWaiting(), 'forgotten once off the page').to.deep.equal({ waiting: 0, pending: 0 });
    expect(await last.updateComplete).to.equal(true);
    expect(last.shadowRoot!.querySelector('span')!.textContent).to.equal('child 3');
  });
});
