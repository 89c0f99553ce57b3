package io.vmlab.app.trace.bench;

/**
 * One timed stage of the trace benchmark.
 *
 * @param name what was measured
 * @param seconds wall-clock time
 * @param cpuSeconds CPU time of the benchmark thread (the fairer figure on a shared machine)
 * @param lines input lines handled (0 when not a text stage)
 * @param references page references produced or read
 * @param bytes bytes handled (decompressed bytes, or bytes written)
 * @param allocatedBytes bytes the thread allocated during the stage
 */
public record Stage(String name, double seconds, double cpuSeconds, long lines, long references, long bytes,
    long allocatedBytes) {
  /** Lines per wall-clock second. */
  public double linesPerSecond() {
    return lines / seconds;
  }

  /** Lines per CPU second of the thread. */
  public double linesPerCpuSecond() {
    return lines / cpuSeconds;
  }

  /** References per wall-clock second. */
  public double referencesPerSecond() {
    return references / seconds;
  }

  /** References per CPU second of the thread. */
  public double referencesPerCpuSecond() {
    return references / cpuSeconds;
  }

  /** Bytes per second. */
  public double bytesPerSecond() {
    return bytes / seconds;
  }
}
