package io.vmlab.api.policy;

import org.pf4j.ExtensionPoint;

/**
 * The address-space layout of a new process (Linux: arch_pick_mmap_layout and the randomization
 * of exec): mmap base, top-down or bottom-up, stack top, and the random offsets of ASLR. Found by
 * {@link #name()} from {@code policies.layout}.
 */
public interface LayoutPolicy extends ExtensionPoint {
  /** The name YAML uses, e.g. {@code linux}. */
  String name();

  /** One line for {@code vmlab plugins}. */
  String description();

  /** The layout of one exec. */
  MmLayout pick(LayoutRequest request);
}
