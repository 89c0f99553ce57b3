package io.vmlab.app.report.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code count} parts of a sweep ({@code --shard index/count}, 1-based). Run {@code r} of the
 * full sweep (0-based, in sweep order) belongs to part {@code r % count + 1}: round robin, so every
 * part gets a mix of cheap and expensive sweep points.
 *
 * @param index which part, 1 to count
 * @param count how many parts
 */
public record Shard(int index, int count) {
  private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException("shard " + index + "/" + count + " is not one of 1/N..N/N");
    }
  }

  /**
   * Parses {@code i/n}, e.g. {@code 2/4}.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static Shard parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a shard: write i/n, e.g. 1/4 for the first of 4 parts");
    }
    int i = Integer.parseInt(m.group(1));
    int n = Integer.parseInt(m.group(2));
    if (n < 1 || i < 1 || i > n) {
      throw new IllegalArgumentException("'" + text + "': the part must be 1 to " + Math.max(n, 1));
    }
    return new Shard(i, n);
  }

  /** Whether run {@code runIndex} of the full sweep belongs to this part. */
  public boolean contains(int runIndex) {
    return runIndex % count == index - 1;
  }

  /** How many of {@code sweepSize} runs this part has. */
  public int size(int sweepSize) {
    return sweepSize < index ? 0 : (sweepSize - index) / count + 1;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
