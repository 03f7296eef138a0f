import { css } from 'lit';

/**
 * The panel of the forms that ask the user how to read a file (the orders mapping form, the
 * survey form): a block framed in the primary colour, its heading at body size.
 */
export const formPanelStyles = css`
  :host {
    display: block;
  }
  form {
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    padding: var(--_gap);
    background: var(--_surface);
  }
  h2 {
    font-size: 1rem;
    margin: 0 0 0.5em;
  }
`;
