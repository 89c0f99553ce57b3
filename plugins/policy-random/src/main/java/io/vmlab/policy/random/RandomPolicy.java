package io.vmlab.policy.random;

import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.ReplacementContext;
import io.vmlab.api.policy.ReplacementPolicy;
import org.pf4j.Extension;

/** Evicts a resident page chosen uniformly at random; the run's seed makes the choices repeatable. */
@Extension
public final class RandomPolicy implements ReplacementPolicy {
  @Override
  public String name() {
    return "random";
  }

  @Override
  public String description() {
    return "evict a resident page chosen uniformly at random (seeded: same seed, same victims)";
  }

  @Override
  public Evictor create(ReplacementContext context) {
    return new RandomEvictor(context.capacity(), context.random());
  }
}
