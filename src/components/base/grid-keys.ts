/**
 * Arrow-key movement in a grid of cells with one tab stop (a roving tabindex), shared by the
 * heat maps. Rows count from the top, columns from the left, both from 0. Arrows move one cell
 * (stopping at the edges); Home / End go to the row's first / last cell, and with Ctrl to the
 * grid's first / last cell. Returns the new position, or null for a key that is not a move.
 */
export function moveInGrid(
  key: string,
  ctrl: boolean,
  at: { row: number; col: number },
  size: { rows: number; cols: number },
): { row: number; col: number } | null {
  const clamp = (x: number, n: number) => Math.min(n - 1, Math.max(0, x));
  const { row, col } = at;
  const last = { row: size.rows - 1, col: size.cols - 1 };
  switch (key) {
    case 'ArrowRight':
      return { row, col: clamp(col + 1, size.cols) };
    case 'ArrowLeft':
      return { row, col: clamp(col - 1, size.cols) };
    case 'ArrowDown':
      return { row: clamp(row + 1, size.rows), col };
    case 'ArrowUp':
      return { row: clamp(row - 1, size.rows), col };
    case 'Home':
      return { row: ctrl ? 0 : row, col: 0 };
    case 'End':
      return { row: ctrl ? last.row : row, col: last.col };
    default:
      return null;
  }
}
