package io.vmlab.api;

/**
 * A Linux kernel version as far as vmlab models it ({@code 6.1}, {@code 6.18}). Behaviour that
 * changed between versions is chosen by comparing against the version that changed it.
 */
public record KernelVersion(int major, int minor) implements Comparable<KernelVersion> {
  /** Linux 6.1 LTS: the reference semantics. */
  public static final KernelVersion V6_1 = new KernelVersion(6, 1);
  /** Linux 6.18: the second profile. */
  public static final KernelVersion V6_18 = new KernelVersion(6, 18);

  public KernelVersion {
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException("negative kernel version");
    }
  }

  /** Parses {@code "6.1"}, {@code "6.1.176"} or {@code "6.18.44-fc-v669"} (the patch level is ignored). */
  public static KernelVersion parse(String s) {
    String[] parts = s.trim().split("[.\\-+ ]");
    if (parts.length < 2) {
      throw new IllegalArgumentException("not a kernel version: '" + s + "' (expected e.g. 6.1)");
    }
    try {
      return new KernelVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a kernel version: '" + s + "' (expected e.g. 6.1)");
    }
  }

  /** True if this version is at least {@code major.minor}. */
  public boolean atLeast(int major, int minor) {
    return compareTo(new KernelVersion(major, minor)) >= 0;
  }

  @Override
  public int compareTo(KernelVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
