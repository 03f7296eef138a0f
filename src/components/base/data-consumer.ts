import { ContextConsumer, ContextRoot } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { rapportDataContext, type RapportDataState } from '../data/context.js';

// A page's script usually runs after its markup is parsed, and the elements are defined one by
// one: a chart may be upgraded (and ask for the data) before its `<rapport-data>` is. One root
// on the document keeps such unanswered requests and replays them when a provider connects.
// Set up here, by the first consumer module to load, so it is there before any request.
if (typeof document !== 'undefined') {
  const flag = '__rapportContextRoot';
  const doc = document as Document & { [flag]?: true };
  if (!doc[flag]) {
    doc[flag] = true;
    new ContextRoot().attach(document.documentElement);
  }
}

/**
 * Connects an element to the nearest `<rapport-data>` around it (through shadow roots): `apply`
 * is called with the provider's state now and on every change, and sets the element's own data
 * properties from it. Outside any provider, `apply` is never called, so an element given plain
 * data by property (or rendered by the dashboard) is left exactly as it was.
 *
 * ```ts
 * private fromProvider = new RapportDataConsumer(this, (s) => { this.pareto = s.pareto; });
 * ```
 */
export class RapportDataConsumer implements ReactiveController {
  private readonly consumer: ContextConsumer<typeof rapportDataContext, ReactiveElement>;

  constructor(host: ReactiveElement, apply: (state: RapportDataState) => void) {
    this.consumer = new ContextConsumer(host, {
      context: rapportDataContext,
      subscribe: true,
      callback: (state) => apply(state),
    });
    host.addController(this);
  }

  /** The provider's latest state, or undefined outside any provider. */
  get state(): RapportDataState | undefined {
    return this.consumer.value;
  }

  hostConnected(): void {
    // The ContextConsumer asks for the provider itself when the host connects.
  }
}

/** The currency each consumer last took from its provider (to tell it from one the page set). */
const currencyFromProvider = new WeakMap<object, string | undefined>();

/**
 * Give `host` the provider's currency unless the page set one of its own (attribute or
 * property): the provider's value fills `currency` only while it is unset or still the value
 * this function put there last.
 */
export function fillCurrency(host: Element & { currency?: string | null }, state: RapportDataState): void {
  if (host.hasAttribute('currency')) return;
  const now = host.currency;
  const ours = currencyFromProvider.get(host);
  if (now !== undefined && now !== null && !(currencyFromProvider.has(host) && now === ours)) return;
  const next = state.currency ?? undefined;
  currencyFromProvider.set(host, next);
  host.currency = next;
}
