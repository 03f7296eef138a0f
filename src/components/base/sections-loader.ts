import { EngineError } from '../../data/engine/engine.js';

/** The section elements' module (components/sections.ts): their classes. */
export type Sections = typeof import('../sections.js');

let sections: Promise<Sections> | undefined;

/**
 * The section elements (the headline, the customer table, the charts, the settings, the survey
 * form, a customer's details), fetched once: a dynamic import, so their code, D3 and the table's
 * virtualizer come in a chunk of their own after rapport.js. rapport.js starts it as soon as it is
 * evaluated; the dashboard waits for it before it shows any data. Resolves once every section's
 * tag is defined, with their classes. A fetch that failed is forgotten, so the next call asks
 * again (a browser that keeps a failed module import answers it from memory until the page is
 * reloaded, hence the message); it rejects with an EngineError of code `unavailable`, as the
 * data layer's loader does.
 */
export function loadSections(): Promise<Sections> {
  sections ??= import('../sections.js').catch((e: unknown) => {
    sections = undefined;
    throw new EngineError('unavailable', `Rapport's charts and tables could not be loaded (reload the page to try again): ${(e as Error)?.message ?? String(e)}`, { cause: e });
  });
  return sections;
}
