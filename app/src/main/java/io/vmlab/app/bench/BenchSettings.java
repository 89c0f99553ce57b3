package io.vmlab.app.bench;

/**
 * How long to measure.
 *
 * @param seconds the length of one timed round
 * @param rounds timed rounds per measurement (the median is reported)
 * @param warmupRounds untimed rounds first, for the JIT
 */
public record BenchSettings(double seconds, int rounds, int warmupRounds) {
  public BenchSettings {
    if (!(seconds > 0) || rounds < 1 || warmupRounds < 0) {
      throw new IllegalArgumentException("bad bench settings: " + seconds + " s, " + rounds + " rounds");
    }
  }

  /** Nanoseconds of one round. */
  long roundNanos() {
    return (long) (seconds * 1e9);
  }
}
