package io.vmlab.policy.clock;

import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.ReplacementContext;
import io.vmlab.api.policy.ReplacementPolicy;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The textbook clock: one use bit per frame, set by every reference (the faulting one included),
 * so the kernel reports every reference. In policy-study mode it gives the textbook counts exactly.
 */
@Extension
public final class ClockPolicy implements ReplacementPolicy {
  @Override
  public String name() {
    return "clock";
  }

  @Override
  public String description() {
    return "second chance: the hand clears use bits set by every reference and evicts the first page without one";
  }

  @Override
  public Set<Characteristic> characteristics() {
    return Set.of(Characteristic.EVERY_REFERENCE);
  }

  @Override
  public Evictor create(ReplacementContext context) {
    return new ClockEvictor(context, false);
  }
}
