package io.vmlab.app.report.proc;

/** How procps-ng's ps prints its columns. */
public final class PsFormat {
  /** Width of the TIME column (ps's header is right-aligned in 8). */
  public static final int TIME_WIDTH = 8;

  private PsFormat() {}

  /**
   * TIME for a CPU time of {@code seconds} whole seconds: procps-ng ps/output.c {@code pr_time},
   * {@code [DD-]hh:mm:ss} (the day count and dash only when non-zero), e.g. {@code 00:25:15},
   * {@code 1-02:03:04}. ps truncates the CPU time to whole seconds first ((utime+stime)/Hertz).
   */
  public static String time(long seconds) {
    long t = seconds;
    long ss = t % 60;
    t /= 60;
    long mm = t % 60;
    t /= 60;
    long hh = t % 24;
    long dd = t / 24;
    String hms = two(hh) + ":" + two(mm) + ":" + two(ss);
    return dd != 0 ? dd + "-" + hms : hms;
  }

  /** TIME for a CPU time of {@code nanos} ns. */
  public static String timeOfNanos(long nanos) {
    return time(nanos / 1_000_000_000L);
  }

  private static String two(long v) {
    return v < 10 ? "0" + v : Long.toString(v);
  }
}
