/** Theme data for BI teams: the token catalogue, the presets and the CSS they print. No DOM. */
export * from './tokens.js';
export * from './presets.js';
export * from './theme-css.js';
export * from './contrast.js';
