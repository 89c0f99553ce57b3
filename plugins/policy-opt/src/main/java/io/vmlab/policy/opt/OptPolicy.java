package io.vmlab.policy.opt;

import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.ReplacementContext;
import io.vmlab.api.policy.ReplacementPolicy;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Belady's OPT (MIN): evict the page whose next reference is farthest ahead, a page never
 * referenced again being infinitely far; ties (only among those) go to the lowest page number.
 * Needs the trace's future and every reference, to learn each page's new next reference.
 */
@Extension
public final class OptPolicy implements ReplacementPolicy {
  @Override
  public String name() {
    return "opt";
  }

  @Override
  public String description() {
    return "Belady's optimum: evict the page referenced again farthest in the future (needs a trace)";
  }

  @Override
  public Set<Characteristic> characteristics() {
    return Set.of(Characteristic.EVERY_REFERENCE, Characteristic.FUTURE);
  }

  @Override
  public Evictor create(ReplacementContext context) {
    return new OptEvictor(context);
  }
}
