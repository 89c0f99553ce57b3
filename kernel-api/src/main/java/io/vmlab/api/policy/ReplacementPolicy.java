package io.vmlab.api.policy;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A page-replacement policy: which resident page reclaim evicts. Found by {@link #name()} from
 * {@code policies.replacement} in a machine or experiment.
 *
 * <p>The policy is a factory: each simulated memory gets its own {@link Evictor}, so one plugin
 * serves many machines of a sweep at once.
 */
public interface ReplacementPolicy extends ExtensionPoint {
  /** What a policy needs from the simulator. */
  enum Characteristic {
    /** {@link Evictor#referenced(int)} on every reference, TLB hits included (exact LRU). */
    EVERY_REFERENCE,
    /** {@link ReplacementContext#nextReference(int)}: the future of the trace (Belady's OPT). */
    FUTURE
  }

  /** The name YAML uses, e.g. {@code lru-2q}, {@code fifo}. */
  String name();

  /** One line for {@code vmlab plugins}. */
  String description();

  /** What the policy needs; none by default. */
  default Set<Characteristic> characteristics() {
    return Set.of();
  }

  /** A fresh evictor for one memory. */
  Evictor create(ReplacementContext context);
}
