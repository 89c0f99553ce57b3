package io.vmlab.app.report.model;

import java.util.Objects;

/**
 * One VMA of an address-space snapshot, as a line of /proc/PID/maps shows it.
 *
 * @param start first address (unsigned)
 * @param end one past the last address (unsigned, greater than start)
 * @param perms the maps permission string, e.g. {@code r-xp}
 * @param name the maps name: a file path, {@code [heap]}, {@code [stack]}, {@code [vdso]}, or empty
 */
public record VmaRow(long start, long end, String perms, String name) {
  public VmaRow {
    Objects.requireNonNull(perms, "perms");
    name = name == null ? "" : name;
    if (Long.compareUnsigned(start, end) >= 0) {
      throw new IllegalArgumentException("VMA end 0x" + Long.toHexString(end) + " is not above its start 0x"
          + Long.toHexString(start));
    }
  }

  /** The size in bytes. */
  public long size() {
    return end - start;
  }
}
