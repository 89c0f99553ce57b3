package io.vmlab.app.report.progress;

/**
 * Progress of one long task. Use it in try-with-resources and call {@link #step} in batches (every
 * {@link #BATCH} units or so), never per simulated access:
 *
 * <pre>
 * try (ProgressReporter p = ProgressReporter.open("replay", total, quiet)) {
 *   long pending = 0;
 *   for (...) {
 *     ...
 *     if (++pending == ProgressReporter.BATCH) { p.step(pending); pending = 0; }
 *   }
 *   p.step(pending);
 * }
 * </pre>
 */
public interface ProgressReporter extends AutoCloseable {
  /** A good batch size for {@link #step}: a few hundred updates per second at most. */
  long BATCH = 1 << 16;

  /**
   * A progress bar for {@code task} out of {@code total} units (0 or less: unknown total) on
   * stderr, or one that shows nothing when {@code quiet} or stderr is not a terminal.
   */
  static ProgressReporter open(String task, long total, boolean quiet) {
    if (quiet || !Terminals.stderrIsTerminal()) {
      return NoProgress.INSTANCE;
    }
    return TerminalProgress.open(task, total);
  }

  /** Records {@code n} more units done. Cheap, but not free: call it in batches. */
  void step(long n);

  /** Ends the bar (idempotent); the terminal's cursor is back at the start of a line. */
  @Override
  void close();
}
