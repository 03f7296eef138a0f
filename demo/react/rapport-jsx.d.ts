// Types for using Rapport's elements in React 19 JSX: every `rapport-*` tag with its public
// properties, plus `on<event>` props for the events it sends (React 19 listens to custom
// element events named after `on`). Copy this file into a React project as it is.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { RapportEventMap } from '../../src/index.js';

type RapportTag = Extract<keyof HTMLElementTagNameMap, `rapport-${string}`>;
type OwnProps<E> = Partial<Omit<E, keyof HTMLElement | 'emit'>>;
type EventProps = { [K in keyof RapportEventMap as `on${K}`]?: (event: CustomEvent<RapportEventMap[K]>) => void };
type RapportProps<E extends HTMLElement> = DetailedHTMLProps<HTMLAttributes<E>, E> & OwnProps<E> & EventProps & { theme?: 'light' | 'dark' };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    type RapportElements = { [T in RapportTag]: RapportProps<HTMLElementTagNameMap[T]> };
    // eslint-disable-next-line @typescript-eslint/no-empty-interface
    interface IntrinsicElements extends RapportElements {}
  }
}
