package io.vmlab.policy.lru;

import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.ReplacementContext;
import io.vmlab.api.policy.ReplacementPolicy;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Least recently used, exactly: the kernel reports every reference (TLB hits included), so the
 * order is the true recency order, not the approximation accessed bits give.
 */
@Extension
public final class LruPolicy implements ReplacementPolicy {
  @Override
  public String name() {
    return "lru";
  }

  @Override
  public String description() {
    return "exact least recently used: evict the page referenced longest ago (sees every reference)";
  }

  @Override
  public Set<Characteristic> characteristics() {
    return Set.of(Characteristic.EVERY_REFERENCE);
  }

  @Override
  public Evictor create(ReplacementContext context) {
    return new LruEvictor(context.capacity());
  }
}
