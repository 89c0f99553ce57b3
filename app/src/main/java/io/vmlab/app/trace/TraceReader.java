package io.vmlab.app.trace;

/**
 * A stream of page references in trace order, read in batches into a caller's reusable {@code
 * long[]} of {@link PageRef} words. Not thread-safe; close it when done. Errors in the input are
 * thrown as {@link TraceError} (exit 2) when the reader reaches them.
 */
public interface TraceReader extends AutoCloseable {
  /** The smallest batch {@link #read} accepts. */
  int MIN_BATCH = 16;

  /**
   * Fills {@code refs} from index 0 with the next references and returns how many (at least 1),
   * or -1 at the end of the trace. {@code refs.length} must be at least {@link #MIN_BATCH}.
   */
  int read(long[] refs);

  /** Input lines consumed so far (for a binary trace: the recorded count, known at the end). */
  long lines();

  /** Of those, lines that held no reference (valgrind's {@code ==pid==} lines, comments, blanks). */
  long skippedLines();

  /** Releases the file. */
  @Override
  void close();
}
