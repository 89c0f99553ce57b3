package io.vmlab.arch.x86_64;

import io.vmlab.api.arch.ArchModel;
import io.vmlab.api.arch.ArchOptions;
import io.vmlab.api.arch.Architecture;
import java.util.List;
import org.pf4j.Extension;

/** The x86-64 architecture: paging modes {@code 4level} and {@code 5level}. */
@Extension
public final class X8664Architecture implements Architecture {
  /** The id machines use in {@code machine.arch}. */
  public static final String ID = "x86_64";

  private static final List<String> MODES = List.of("4level", "5level");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "x86-64: 4-level (9/9/9/9/12) and 5-level LA57 paging; 64-bit and IA-32 compat processes";
  }

  @Override
  public List<String> pagingModes() {
    return MODES;
  }

  @Override
  public List<String> splits() {
    return List.of();
  }

  @Override
  public ArchModel configure(ArchOptions options) {
    if (!MODES.contains(options.pagingMode())) {
      throw new IllegalArgumentException("unknown paging mode '" + options.pagingMode()
          + "' for x86_64 (available: " + String.join(", ", MODES) + ")");
    }
    if (options.split() != null && !options.split().isEmpty()) {
      throw new IllegalArgumentException("x86_64 has no configurable user/kernel split");
    }
    return new X8664Model(options.pagingMode().equals("5level"), !options.vsyscall().equals("none"));
  }
}
