package io.vmlab.policy.template;

import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.FrameLists;
import io.vmlab.api.policy.ReplacementContext;
import io.vmlab.api.policy.ReplacementPolicy;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Most recently used: evict the page referenced last. Bad for most programs, but the best simple
 * choice for a loop over more pages than fit (LRU faults on every reference of such a loop).
 *
 * <p>A whole policy plugin is this one class. {@code @Extension} lists it in the jar's
 * META-INF/extensions.idx (PF4J's annotation processor writes it at compile time); vmlab finds it
 * by {@link #name()}, e.g. {@code policies: {replacement: mru}} in a machine or experiment file.
 */
@Extension
public final class MruPolicy implements ReplacementPolicy {
  /** The name YAML uses: unique among all loaded replacement policies. */
  @Override
  public String name() {
    return "mru";
  }

  /** One line for {@code vmlab plugins}. */
  @Override
  public String description() {
    return "template plugin: most recently used, evict the page referenced last";
  }

  /**
   * EVERY_REFERENCE: the kernel calls {@link Evictor#referenced} on every reference (else it only
   * reports loads, and a policy reads the page tables' accessed bits with
   * {@link ReplacementContext#testAndClearReferenced}). FUTURE would give nextReference().
   */
  @Override
  public Set<Characteristic> characteristics() {
    return Set.of(Characteristic.EVERY_REFERENCE);
  }

  /** One evictor per simulated memory: keep all state in it, not in the policy (sweeps run in parallel). */
  @Override
  public Evictor create(ReplacementContext context) {
    return new MruEvictor(context.capacity());
  }

  /**
   * The state: one list of frames, most recent first. Frames are 0..capacity-1; all calls come
   * from one thread; the hot path (referenced) must not allocate: FrameLists is O(1) on arrays.
   */
  private static final class MruEvictor implements Evictor {
    private static final int LIST = 0;
    private final FrameLists recency;

    MruEvictor(int capacity) {
      recency = new FrameLists(capacity, 1);
    }

    /** A page became resident (the load is its first reference). */
    @Override
    public void added(int frame) {
      recency.addHead(LIST, frame);
    }

    /** A reference to a resident page; ignore frames no longer tracked. */
    @Override
    public void referenced(int frame) {
      if (recency.listOf(frame) == LIST) {
        recency.addHead(LIST, frame);
      }
    }

    /** The page left memory for another reason (unmapped, mlocked): forget it. */
    @Override
    public void removed(int frame) {
      recency.remove(frame);
    }

    /** The next frame to evict, no longer tracked; -1 if none. */
    @Override
    public int victim() {
      return recency.pollHead(LIST);
    }
  }
}
