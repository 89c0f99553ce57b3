package io.vmlab.app.report.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The metrics of one run: a value for some {@link Metric}s, in declaration order. Immutable; build
 * with {@link #builder()}. A metric the engine did not measure is absent (an empty CSV cell, no
 * JSON key), not zero.
 */
public final class Metrics {
  private static final Metric[] ALL = Metric.values();
  private static final Metrics EMPTY = new Metrics(new long[ALL.length], new boolean[ALL.length]);

  private final long[] values;
  private final boolean[] present;

  private Metrics(long[] values, boolean[] present) {
    this.values = values;
    this.present = present;
  }

  /** No metric at all. */
  public static Metrics empty() {
    return EMPTY;
  }

  /** A builder starting empty. */
  public static Builder builder() {
    return new Builder(EMPTY);
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Whether {@code m} was measured. */
  public boolean has(Metric m) {
    return present[m.ordinal()];
  }

  /** The value of {@code m}, if measured. */
  public OptionalLong get(Metric m) {
    return has(m) ? OptionalLong.of(values[m.ordinal()]) : OptionalLong.empty();
  }

  /** The value of {@code m}, or {@code fallback} if it was not measured. */
  public long getOr(Metric m, long fallback) {
    return has(m) ? values[m.ordinal()] : fallback;
  }

  /** The measured metrics in declaration order. */
  public Map<Metric, Long> asMap() {
    Map<Metric, Long> map = new LinkedHashMap<>();
    for (Metric m : ALL) {
      if (present[m.ordinal()]) {
        map.put(m, values[m.ordinal()]);
      }
    }
    return map;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Metrics other && Arrays.equals(present, other.present) && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(values) + Arrays.hashCode(present);
  }

  @Override
  public String toString() {
    return asMap().toString();
  }

  /** Collects metric values; the last {@link #put} of a metric wins. */
  public static final class Builder {
    private final long[] values;
    private final boolean[] present;

    private Builder(Metrics from) {
      this.values = from.values.clone();
      this.present = from.present.clone();
    }

    /** Sets {@code m} to {@code value}. */
    public Builder put(Metric m, long value) {
      values[m.ordinal()] = value;
      present[m.ordinal()] = true;
      return this;
    }

    /** Adds {@code delta} to {@code m} (absent counts as 0). */
    public Builder add(Metric m, long delta) {
      values[m.ordinal()] += delta;
      present[m.ordinal()] = true;
      return this;
    }

    /** The metrics. */
    public Metrics build() {
      return new Metrics(values.clone(), present.clone());
    }
  }
}
