package io.vmlab.policy.linux;

import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.FrameLists;
import io.vmlab.api.policy.ReplacementContext;

/**
 * The active and inactive lists. Reclaim takes the inactive tail; folio_check_references()
 * decides: referenced through a PTE and already marked referenced (or anonymous) → activate;
 * referenced once → mark and rotate; not referenced → evict. shrink_active_list() refills the
 * inactive list from the active tail when it is smaller than the active one (inactive_is_low
 * with ratio 1, the value for memories under 1 GiB).
 */
final class Lru2qEvictor implements Evictor {
  private static final int INACTIVE = 0;
  private static final int ACTIVE = 1;

  private final ReplacementContext context;
  private final FrameLists lists;
  /** PG_referenced: set when a referenced page is given a second chance on the inactive list. */
  private final boolean[] referenced;

  Lru2qEvictor(ReplacementContext context) {
    this.context = context;
    this.lists = new FrameLists(context.capacity(), 2);
    this.referenced = new boolean[context.capacity()];
  }

  @Override
  public void added(int frame) {
    referenced[frame] = false;
    lists.addHead(INACTIVE, frame);
  }

  @Override
  public void removed(int frame) {
    lists.remove(frame);
  }

  @Override
  public int victim() {
    // Each page moves at most twice (rotate, activate) before it is evicted or deactivated.
    long budget = 4L * (lists.size(INACTIVE) + lists.size(ACTIVE)) + 4;
    while (budget-- > 0) {
      if (lists.size(INACTIVE) < lists.size(ACTIVE) || lists.size(INACTIVE) == 0) {
        int a = lists.tail(ACTIVE);
        if (a < 0) {
          return -1;
        }
        context.testAndClearReferenced(a);
        lists.addHead(INACTIVE, a);
        referenced[a] = false;
        continue;
      }
      int f = lists.tail(INACTIVE);
      if (context.testAndClearReferenced(f)) {
        if (referenced[f] || context.anonymous(f)) {
          referenced[f] = false;
          lists.addHead(ACTIVE, f);
        } else {
          referenced[f] = true;
          lists.addHead(INACTIVE, f);
        }
        continue;
      }
      lists.remove(f);
      return f;
    }
    return lists.pollTail(INACTIVE);
  }
}
