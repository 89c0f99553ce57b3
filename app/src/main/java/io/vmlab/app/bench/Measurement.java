package io.vmlab.app.bench;

import java.util.Arrays;

/**
 * One benchmark case's result.
 *
 * @param name what was measured, e.g. {@code mmap+munmap}
 * @param vmas VMAs present while it ran
 * @param perCpuSecond operations per second of the thread's CPU time, per timed round
 * @param perWallSecond operations per wall-clock second, per timed round
 */
public record Measurement(String name, int vmas, double[] perCpuSecond, double[] perWallSecond) {
  /** The median round, per CPU second. */
  public double median() {
    return median(perCpuSecond);
  }

  /** The median round, per wall-clock second. */
  public double wallMedian() {
    return median(perWallSecond);
  }

  /** The fastest round, per CPU second. */
  public double best() {
    return Arrays.stream(perCpuSecond).max().orElse(0);
  }

  /** The slowest round, per CPU second. */
  public double worst() {
    return Arrays.stream(perCpuSecond).min().orElse(0);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
