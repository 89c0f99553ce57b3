package io.vmlab.app.report.proc;

/**
 * How procps-ng's top (4.0.x, the default build) prints a task row's fields: each field is
 * justified to its width and followed by one space (top.c {@code justify_pad}, COLPADSTR).
 */
public final class TopFormat {
  /** top's clock-tick rate for these times: USER_HZ. */
  public static final long HERTZ = 100;
  /** Width of TIME+ (top.c Fieldstab, EU_TM2). */
  public static final int TIME_PLUS_WIDTH = 9;
  /** Width of TIME (EU_TME). */
  public static final int TIME_WIDTH = 6;
  /** Width of VIRT (EU_VRT). */
  public static final int VIRT_WIDTH = 7;
  /** Width of RES and SHR (EU_RES, EU_SHR). */
  public static final int RES_WIDTH = 6;
  /** Width of %MEM (EU_MEM). */
  public static final int MEM_PCT_WIDTH = 5;

  private static final long MM_LIMIT = 360;
  private static final long HH_LIMIT = 96;
  private static final long DD_LIMIT = 14;
  private static final char[] SUFFIX = {'k', 'm', 'g', 't', 'p', 'e'};

  private TopFormat() {}

  /** Clock ticks (at {@link #HERTZ}) in a CPU time of {@code nanos}. */
  public static long ticks(long nanos) {
    return nanos / (1_000_000_000L / HERTZ);
  }

  /**
   * TIME+ for {@code ticks} clock ticks: {@code scale_tics(tics, 9, .., TICS_AS_SECS)} of procps-ng
   * 4.0.x top/top.c (SCALE_FORMER not defined, as Debian and Fedora build it), unjustified. Up to
   * 360 minutes {@code M:SS.hh} (e.g. {@code 25:15.20}, {@code 360:59.99}); then, up to 96 hours,
   * {@code H,MM} (hours, minutes: {@code 6,01}); then up to 14 days {@code Dd+Hh}; then
   * {@code Ww+Dd}; then {@code Ww}; {@code ?} if nothing fits.
   */
  public static String timePlus(long ticks) {
    return scaleTics(ticks, TIME_PLUS_WIDTH);
  }

  /** TIME (top's narrower field): scale_tics with width 6, e.g. {@code 25:15}. */
  public static String time(long ticks) {
    return scaleTics(ticks, TIME_WIDTH);
  }

  /**
   * top.c {@code scale_tics(tics, width, justr, TICS_AS_SECS)} without the justification: the
   * first of its forms, in order, that is at most {@code width} characters.
   */
  public static String scaleTics(long ticks, int width) {
    long nt = ticks * 100 / HERTZ;
    long cent = nt % 100;
    long secs = nt / 100;
    long mins = secs / 60;
    long hour = mins / 60;
    long days = hour / 24;
    long week = days / 7;
    String s;
    if (mins < MM_LIMIT + 1) {
      s = mins + ":" + two(secs % 60) + "." + two(cent);
      if (s.length() <= width) {
        return s;
      }
      s = mins + ":" + two(secs % 60);
      if (s.length() <= width) {
        return s;
      }
    }
    if (hour < HH_LIMIT + 1) {
      s = hour + "," + two(mins % 60);
      if (s.length() <= width) {
        return s;
      }
    }
    if (days < DD_LIMIT + 1) {
      s = days + "d+" + hour % 24 + "h";
      if (s.length() <= width) {
        return s;
      }
      s = days + "d";
      if (s.length() <= width) {
        return s;
      }
    }
    s = week + "w+" + days % 7 + "d";
    if (s.length() <= width) {
      return s;
    }
    s = week + "w";
    return s.length() <= width ? s : "?";
  }

  /**
   * A memory field from KiB: top.c {@code scale_mem(SK_Kb, num, width, ..)} unjustified. The
   * plain KiB count if it fits, else the value in MiB, GiB, TiB, PiB with one decimal and a
   * lowercase suffix ({@code 1.2g}), computed in C float as top does; {@code ?} if nothing fits.
   */
  public static String scaleMem(long kib, int width) {
    float num = kib;
    for (int i = 0; i < 5; i++) {
      String s = i == 0 ? CFormat.fixed(num, 0) : CFormat.fixed(num, 1) + SUFFIX[i];
      if (s.length() <= width) {
        return s;
      }
      num = (float) (num / 1024.0);
    }
    return "?";
  }

  /**
   * %MEM: top.c {@code scale_pcnt((float)res * 100 / mem_total, 5, ..)}: one decimal ({@code %#.1f})
   * if it fits in 5 characters, else none.
   */
  public static String memPercent(long resKib, long totalKib) {
    float pct = totalKib == 0 ? 0f : (float) resKib * 100 / (float) totalKib;
    String s = CFormat.fixed(pct, 1);
    if (s.length() <= MEM_PCT_WIDTH) {
      return s;
    }
    s = CFormat.fixed(pct, 0);
    return s.length() <= MEM_PCT_WIDTH ? s : "?";
  }

  /** {@code text} right-justified in {@code width} columns (never cut), then top's one-space pad. */
  public static String right(String text, int width) {
    return " ".repeat(Math.max(0, width - text.length())) + text + " ";
  }

  /** {@code text} left-justified in {@code width} columns (never cut), then one space. */
  public static String left(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length())) + " ";
  }

  private static String two(long v) {
    return v < 10 ? "0" + v : Long.toString(v);
  }
}
