package io.vmlab.policy.lru;

import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.FrameLists;

/** One recency list: a load or a reference puts the frame at the head, victims come from the tail. O(1). */
final class LruEvictor implements Evictor {
  private static final int RECENCY = 0;
  private final FrameLists lists;

  LruEvictor(int capacity) {
    lists = new FrameLists(capacity, 1);
  }

  @Override
  public void added(int frame) {
    if (lists.listOf(frame) != FrameLists.NONE) {
      throw new IllegalStateException("frame " + frame + " is already tracked");
    }
    lists.addHead(RECENCY, frame);
  }

  @Override
  public void referenced(int frame) {
    // An untracked frame (e.g. mlocked, so removed) stays untracked.
    if (lists.listOf(frame) == RECENCY && lists.head(RECENCY) != frame) {
      lists.addHead(RECENCY, frame);
    }
  }

  @Override
  public void removed(int frame) {
    lists.remove(frame);
  }

  @Override
  public int victim() {
    return lists.pollTail(RECENCY);
  }
}
