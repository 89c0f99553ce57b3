package io.vmlab.policy.clock;

import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.ReplacementContext;
import io.vmlab.api.policy.ReplacementPolicy;
import org.pf4j.Extension;

/**
 * Clock as hardware allows it: the use bit is the accessed bit of the PTEs that map the page,
 * read and cleared through rmap when the hand passes (context.testAndClearReferenced), so the
 * kernel need not report references. Equal to {@code clock} when every reference sets the accessed
 * bit; with a TLB, a reference that hits a cached translation after the bit was cleared does not.
 */
@Extension
public final class ClockPtePolicy implements ReplacementPolicy {
  @Override
  public String name() {
    return "clock-pte";
  }

  @Override
  public String description() {
    return "second chance with the page tables' accessed bits as use bits (no per-reference calls)";
  }

  @Override
  public Evictor create(ReplacementContext context) {
    return new ClockEvictor(context, true);
  }
}
