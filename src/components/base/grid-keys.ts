/**
 * Arrow-key movement in a list of n marks with one tab stop, from index i: Down and Right go to
 * the next (stopping at the end), Up and Left to the previous, Home / End to the first / last.
 * Returns the new index, or -1 for a key that is not a move. Shared by the charts whose marks
 * form one sequence (ladder steps, segment tiles, quality rows, voice bars and months).
 */
export function moveInList(key: string, i: number, n: number): number {
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return Math.min(n - 1, i + 1);
    case 'ArrowUp':
    case 'ArrowLeft':
      return Math.max(0, i - 1);
    case 'Home':
      return 0;
    case 'End':
      return n - 1;
    default:
      return -1;
  }
}

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
