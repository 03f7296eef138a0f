/**
 * Worker scripts under Trusted Types. A page whose Content-Security-Policy has
 * `require-trusted-types-for 'script'` refuses `new Worker(url)` with a plain URL; Rapport
 * starts its workers (the engine's, the value model's) through one policy of its own, named
 * `rapport`, which vouches only for scripts of the page's own origin (a worker's script must be
 * same-origin anyway). Such a page lists the policy names it allows:
 * `trusted-types lit-html rapport` (`lit-html` is Lit's own).
 */

/** The name of Rapport's Trusted Types policy. */
export const TRUSTED_TYPES_POLICY = 'rapport';

interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
type TrustedTypesFactory = { createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy };

/** Null when the browser has no Trusted Types or the page does not allow the policy's name. */
let policy: ScriptUrlPolicy | null | undefined;

function ownPolicy(): ScriptUrlPolicy | null {
  if (policy !== undefined) return policy;
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  try {
    policy = factory ? factory.createPolicy(TRUSTED_TYPES_POLICY, { createScriptURL: sameOriginScript }) : null;
  } catch {
    // The page's policy does not list "rapport": plain URLs, which such a page then refuses,
    // and the engine's error says which name to allow.
    policy = null;
  }
  return policy;
}

/** The URL, absolute, when it is an http(s) script of the page's own origin; else a TypeError. */
export function sameOriginScript(url: string): string {
  const base = typeof document !== 'undefined' ? document.baseURI : String(globalThis.location);
  const u = new URL(url, base);
  // The page's origin, not its <base>'s: a worker's script must be the page's own.
  const origin = globalThis.location?.origin ?? new URL(base).origin;
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.origin !== origin) {
    throw new TypeError(`Rapport starts workers only from scripts of the page's own origin (${origin}), not ${u.href}.`);
  }
  return u.href;
}

/** A worker script URL the page's Trusted Types accept (the URL itself where they are not enforced). */
export function workerScriptUrl(url: string | URL): string {
  const p = ownPolicy();
  if (!p) return String(url);
  try {
    // A TrustedScriptURL, typed as the string the Worker constructor's declaration knows.
    return p.createScriptURL(String(url)) as string;
  } catch {
    // Not one the policy vouches for (a blob: URL a page gave): as it is. A page that enforces
    // Trusted Types refuses it; one that does not (the policy exists all the same) runs it.
    return String(url);
  }
}

/**
 * The Worker constructor, taking its script URL through Rapport's policy: a module that must
 * keep `new Worker(new URL('…', import.meta.url))` written out (the bundler recognises that
 * expression) shadows `Worker` with this.
 */
export function trustedWorker(): typeof Worker {
  return class TrustedWorker extends Worker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(workerScriptUrl(url), options);
    }
  };
}
