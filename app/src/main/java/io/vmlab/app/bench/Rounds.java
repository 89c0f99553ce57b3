package io.vmlab.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Runs an operation in timed rounds, as many times as fit in each round (the clock is read once
 * per batch). Each round is measured twice: per second of the thread's CPU time, which other
 * processes on the machine do not distort, and per second of wall-clock time.
 */
final class Rounds {
  /** A benchmarked operation, run {@code n} times per call. */
  interface Operation {
    void run(int n);
  }

  /** Operations per CPU second and per wall-clock second of each timed round. */
  record Result(double[] perCpuSecond, double[] perWallSecond) {}

  private static final int BATCH = 256;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Rounds() {}

  /** Runs the warm-up rounds, then the timed ones. */
  static Result measure(Operation op, BenchSettings settings) {
    boolean cpu = THREADS.isCurrentThreadCpuTimeSupported();
    double[] perCpu = new double[settings.rounds()];
    double[] perWall = new double[settings.rounds()];
    for (int i = -settings.warmupRounds(); i < settings.rounds(); i++) {
      long cpu0 = cpu ? THREADS.getCurrentThreadCpuTime() : 0;
      long start = System.nanoTime();
      long deadline = start + settings.roundNanos();
      long done = 0;
      long now;
      do {
        op.run(BATCH);
        done += BATCH;
        now = System.nanoTime();
      } while (now < deadline);
      long cpuNanos = cpu ? THREADS.getCurrentThreadCpuTime() - cpu0 : now - start;
      if (i >= 0) {
        perWall[i] = done * 1e9 / (now - start);
        perCpu[i] = done * 1e9 / Math.max(1, cpuNanos);
      }
    }
    return new Result(perCpu, perWall);
  }
}
