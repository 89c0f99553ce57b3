package io.vmlab.policy.fifo;

import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.ReplacementContext;
import io.vmlab.api.policy.ReplacementPolicy;
import org.pf4j.Extension;

/** First in, first out: references do not matter, only the order pages were loaded in. */
@Extension
public final class FifoPolicy implements ReplacementPolicy {
  @Override
  public String name() {
    return "fifo";
  }

  @Override
  public String description() {
    return "first in, first out: evict the page loaded earliest";
  }

  @Override
  public Evictor create(ReplacementContext context) {
    return new FifoEvictor(context.capacity());
  }
}
