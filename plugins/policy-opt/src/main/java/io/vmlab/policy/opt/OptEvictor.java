package io.vmlab.policy.opt;

import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.ReplacementContext;

/**
 * Keeps each resident frame's next reference up to date: asked on the load and after every
 * reference (context.nextReference must then answer "after the current reference"), so a
 * victim is the top of a heap, O(log n) per reference. A resident page's key stays right between
 * its references: nothing else can reference it.
 */
final class OptEvictor implements Evictor {
  private final ReplacementContext context;
  private final NextUseHeap heap;

  OptEvictor(ReplacementContext context) {
    this.context = context;
    this.heap = new NextUseHeap(context.capacity());
  }

  @Override
  public void added(int frame) {
    if (heap.contains(frame)) {
      throw new IllegalStateException("frame " + frame + " is already tracked");
    }
    heap.insert(frame, context.nextReference(frame), context.page(frame));
  }

  @Override
  public void referenced(int frame) {
    if (heap.contains(frame)) {
      heap.update(frame, context.nextReference(frame));
    }
  }

  @Override
  public void removed(int frame) {
    heap.remove(frame);
  }

  @Override
  public int victim() {
    return heap.poll();
  }
}
