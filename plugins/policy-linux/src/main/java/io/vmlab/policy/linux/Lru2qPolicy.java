package io.vmlab.policy.linux;

import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.ReplacementContext;
import io.vmlab.api.policy.ReplacementPolicy;
import org.pf4j.Extension;

/**
 * Linux's two-list LRU (mm/vmscan.c): pages enter the inactive list; reclaim scans its tail,
 * promotes pages whose PTEs were referenced and evicts the rest; the active list is aged into
 * the inactive one when the inactive list gets short.
 */
@Extension
public final class Lru2qPolicy implements ReplacementPolicy {
  @Override
  public String name() {
    return "lru-2q";
  }

  @Override
  public String description() {
    return "Linux's active/inactive lists with referenced bits from the page tables (the default)";
  }

  @Override
  public Evictor create(ReplacementContext context) {
    return new Lru2qEvictor(context);
  }
}
