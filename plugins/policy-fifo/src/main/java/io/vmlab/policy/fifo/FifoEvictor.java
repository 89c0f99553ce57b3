package io.vmlab.policy.fifo;

import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.FrameLists;

/** One queue in load order: new frames at the tail, victims from the head. */
final class FifoEvictor implements Evictor {
  private static final int QUEUE = 0;
  private final FrameLists lists;

  FifoEvictor(int capacity) {
    lists = new FrameLists(capacity, 1);
  }

  @Override
  public void added(int frame) {
    if (lists.listOf(frame) != FrameLists.NONE) {
      throw new IllegalStateException("frame " + frame + " is already queued");
    }
    lists.addTail(QUEUE, frame);
  }

  @Override
  public void removed(int frame) {
    lists.remove(frame);
  }

  @Override
  public int victim() {
    return lists.pollHead(QUEUE);
  }
}
