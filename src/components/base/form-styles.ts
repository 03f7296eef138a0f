import { css } from 'lit';

/**
 * The panel of the forms that ask the user how to read a file (the orders mapping form, the
 * survey form): a block framed in the primary colour, its heading at body size, its selects and
 * hints in the theme's colours. Both forms document the custom properties read here:
 * `--rapport-form-border-color`, `--rapport-form-background`, `--rapport-form-hint-color`.
 */
export const formPanelStyles = css`
  :host {
    display: block;
  }
  form {
    border: 2px solid var(--rapport-form-border-color, var(--_primary));
    border-radius: var(--_radius);
    padding: var(--_gap);
    background: var(--rapport-form-background, var(--_surface));
    color: var(--_text);
  }
  h2 {
    font-size: 1rem;
    margin: 0 0 0.5em;
  }
  select {
    font: inherit;
    padding: 0.2em;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 4);
    max-width: 100%;
  }
  input[type='radio'] {
    accent-color: var(--_primary);
  }
  .hint {
    color: var(--rapport-form-hint-color, var(--_muted));
    font-size: 0.9em;
    margin: 0.4em 0 0;
  }
  .actions {
    display: flex;
    gap: 0.5em;
    margin-top: 0.8em;
  }
`;
