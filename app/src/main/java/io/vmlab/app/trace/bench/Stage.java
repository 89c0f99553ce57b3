package io.vmlab.app.trace.bench;

/**
 * One timed stage of the trace benchmark.
 *
 * @param name what was measured
 * @param seconds wall-clock time
 * @param lines input lines handled (0 when not a text stage)
 * @param references page references produced or read
 * @param bytes bytes handled (decompressed bytes, or bytes written)
 * @param allocatedBytes bytes the thread allocated during the stage
 */
public record Stage(String name, double seconds, long lines, long references, long bytes, long allocatedBytes) {
  /** Lines per second. */
  public double linesPerSecond() {
    return lines / seconds;
  }

  /** References per second. */
  public double referencesPerSecond() {
    return references / seconds;
  }

  /** Bytes per second. */
  public double bytesPerSecond() {
    return bytes / seconds;
  }
}
