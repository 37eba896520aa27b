/**
 * Where something is in an input file: 1-based line and column (unist convention). Shared by
 * the diagnostics and the document model, and depending on nothing, so neither of those has to
 * import the other.
 */
export interface Point {
  line: number;
  column: number;
}

export interface Position {
  /** File the node was parsed from (a template path, relative to the project). */
  file?: string;
  start: Point;
  end?: Point;
}
