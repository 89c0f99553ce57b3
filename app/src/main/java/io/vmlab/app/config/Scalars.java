package io.vmlab.app.config;

import io.vmlab.api.KernelVersion;
import io.vmlab.app.format.Sizes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The scalar types machine files use. Each parses the raw text of a YAML scalar. */
public final class Scalars {
  private static final Set<String> YAML11_BOOLEANS = Set.of("yes", "no", "on", "off", "y", "n");

  private Scalars() {}

  /** A non-empty string. */
  public static Scalar<String> text() {
    return of("a name", raw -> {
      if (raw.isBlank()) {
        throw new IllegalArgumentException("is empty");
      }
      return raw.trim();
    });
  }

  /** {@code true} or {@code false} (also {@code True}, {@code TRUE}); never YAML 1.1's yes/no/on/off. */
  public static Scalar<Boolean> bool() {
    return of("true or false", raw -> {
      String s = raw.trim();
      if (s.equals("true") || s.equals("True") || s.equals("TRUE")) {
        return true;
      }
      if (s.equals("false") || s.equals("False") || s.equals("FALSE")) {
        return false;
      }
      if (YAML11_BOOLEANS.contains(s.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("'" + s + "' is not a boolean here: write true or false "
            + "(YAML 1.1 reads yes/no/on/off as booleans; vmlab does not)");
      }
      throw new IllegalArgumentException("expected true or false, got '" + s + "'");
    });
  }

  /** An integer in {@code [min, max]}. */
  public static Scalar<Long> integer(long min, long max) {
    return of("an integer from " + min + " to " + max, raw -> {
      long v = Numbers.parseUnsigned(raw);
      if (v < min || v > max) {
        throw new IllegalArgumentException(raw.trim() + " is out of range (" + min + " to " + max + ")");
      }
      return v;
    });
  }

  /** Any unsigned 64-bit integer, decimal or hex. */
  public static Scalar<Long> unsigned64() {
    return of("an integer (decimal or 0x hex, up to 64 bits)", Numbers::parseUnsigned);
  }

  /** A size in bytes in {@code [min, max]} and a multiple of {@code align}. */
  public static Scalar<Long> size(long min, long max, long align) {
    String what = "a size such as 4K, 256M, 1G or 0x1000";
    return of(what, raw -> checkSize(raw, Numbers.parseSize(raw), min, max, align));
  }

  /** Like {@link #size} but {@code unlimited} (or {@code infinity}) gives -1. */
  public static Scalar<Long> sizeOrUnlimited(long min, long max) {
    return of("a size such as 8M, or unlimited", raw -> {
      String s = raw.trim().toLowerCase(Locale.ROOT);
      if (s.equals("unlimited") || s.equals("infinity")) {
        return -1L;
      }
      return checkSize(raw, Numbers.parseSize(raw), min, max, 1);
    });
  }

  private static long checkSize(String raw, long v, long min, long max, long align) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          raw.trim() + " is out of range (" + Sizes.of(min) + " to " + Sizes.of(max) + ")");
    }
    if (v % align != 0) {
      throw new IllegalArgumentException(raw.trim() + " is not a multiple of " + Sizes.of(align) + " (the page size)");
    }
    return v;
  }

  /** One of {@code choices}, case-insensitive; returned in the spelling of {@code choices}. */
  public static Scalar<String> choice(List<String> choices) {
    return choice(choices, Map.of());
  }

  /** One of {@code choices}, or an alias for one (e.g. a sysctl's number), case-insensitive. */
  public static Scalar<String> choice(List<String> choices, Map<String, String> aliases) {
    String list = String.join(", ", choices);
    return of("one of: " + list, raw -> {
      String s = raw.trim();
      for (String c : choices) {
        if (c.equalsIgnoreCase(s)) {
          return c;
        }
      }
      String alias = aliases.get(s.toLowerCase(Locale.ROOT));
      if (alias != null) {
        return alias;
      }
      String hint = Suggestions.closest(s, choices).map(c -> "; did you mean '" + c + "'?").orElse("");
      throw new IllegalArgumentException("unknown value '" + s + "' (expected one of: " + list + ")" + hint);
    });
  }

  /** An enum constant by name, case-insensitive, with optional aliases. */
  public static <E extends Enum<E>> Scalar<E> enumOf(Class<E> type, Map<String, E> aliases) {
    List<String> names = Arrays.stream(type.getEnumConstants())
        .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    Map<String, String> aliasNames = new HashMap<>();
    aliases.forEach((k, v) -> aliasNames.put(k, v.name().toLowerCase(Locale.ROOT)));
    Scalar<String> byName = choice(names, aliasNames);
    return of(byName.expected(), raw -> Enum.valueOf(type, byName.parse(raw).toUpperCase(Locale.ROOT)));
  }

  /** A kernel version between {@code min} and {@code max}, e.g. {@code 6.1}. */
  public static Scalar<KernelVersion> kernelVersion(KernelVersion min, KernelVersion max) {
    return of("a kernel version from " + min + " to " + max, raw -> {
      KernelVersion v = KernelVersion.parse(raw);
      if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
        throw new IllegalArgumentException(raw.trim() + " is out of range: vmlab models Linux " + min + " to " + max);
      }
      return v;
    });
  }

  private interface Parser<T> {
    T parse(String raw);
  }

  private static <T> Scalar<T> of(String expected, Parser<T> parser) {
    return new Scalar<>() {
      @Override
      public T parse(String raw) {
        return parser.parse(raw);
      }

      @Override
      public String expected() {
        return expected;
      }
    };
  }
}
