package io.vmlab.arch.ia32;

import io.vmlab.api.arch.ArchModel;
import io.vmlab.api.arch.ArchOptions;
import io.vmlab.api.arch.Architecture;
import java.util.List;
import org.pf4j.Extension;

/** The IA-32 architecture: paging modes {@code 2level} and {@code pae}. */
@Extension
public final class Ia32Architecture implements Architecture {
  /** The id machines use in {@code machine.arch}. */
  public static final String ID = "ia32";

  private static final List<String> MODES = List.of("2level", "pae");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "IA-32: 2-level (10/10/12) and PAE (2/9/9/12) paging, splits " + String.join(", ", Ia32Split.labels());
  }

  @Override
  public List<String> pagingModes() {
    return MODES;
  }

  @Override
  public List<String> splits() {
    return Ia32Split.labels();
  }

  @Override
  public ArchModel configure(ArchOptions options) {
    String mode = options.pagingMode();
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException(
          "unknown paging mode '" + mode + "' for ia32 (available: " + String.join(", ", MODES) + ")");
    }
    String splitName = options.split() == null ? "3G/1G" : options.split();
    Ia32Split split = Ia32Split.find(splitName).orElseThrow(() -> new IllegalArgumentException(
        "unknown split '" + splitName + "' for ia32 (available: " + String.join(", ", Ia32Split.labels()) + ")"));
    if (mode.equals("pae") && !split.allowsPae) {
      throw new IllegalArgumentException("split " + split.label + " needs 2level paging (Linux: depends on !X86_PAE)");
    }
    return new Ia32Model(mode, split, options.pti(), options.memoryBytes());
  }
}
