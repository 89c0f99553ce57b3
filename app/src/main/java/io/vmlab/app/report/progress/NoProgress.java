package io.vmlab.app.report.progress;

/** Shows nothing: for --quiet, pipes and files. */
enum NoProgress implements ProgressReporter {
  /** The only instance. */
  INSTANCE;

  @Override
  public void step(long n) {
    // Nothing to show.
  }

  @Override
  public void close() {
    // Nothing was shown.
  }
}
