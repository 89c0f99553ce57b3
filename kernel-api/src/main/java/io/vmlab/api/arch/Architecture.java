package io.vmlab.api.arch;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * An architecture plugin (an extension point): the paging modes and user/kernel splits it offers,
 * and a factory for a configured {@link ArchModel}.
 */
public interface Architecture extends ExtensionPoint {
  /** The id machines name in {@code machine.arch}, e.g. {@code ia32} or {@code x86_64}. */
  String id();

  /** One line for {@code vmlab plugins}. */
  String description();

  /** The paging modes, e.g. {@code [2level, pae]}; the first is the default. */
  List<String> pagingModes();

  /** The user/kernel splits, e.g. {@code [3G/1G, ...]}; empty if the split is not configurable. */
  List<String> splits();

  /**
   * Configures this architecture for one machine.
   *
   * @throws IllegalArgumentException naming the bad option and the valid ones
   */
  ArchModel configure(ArchOptions options);
}
