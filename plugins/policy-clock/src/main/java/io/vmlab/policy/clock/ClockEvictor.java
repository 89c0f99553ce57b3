package io.vmlab.policy.clock;

import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.ReplacementContext;
import java.util.Arrays;

/**
 * The clock's ring. Frame numbers come from the allocator in any order, so the hand does not run
 * over frames but over slots: slot i is the i-th position a page was loaded into. The first loads
 * take fresh slots 0, 1, 2... (the hand stays at 0); a victim's slot is free and the next load
 * takes it, so the new page sits where the victim was, with its use bit set, and the hand is one
 * past it: the textbook clock whatever physical frames are used. Slots freed by {@code removed}
 * are reused first too; the hand skips empty slots.
 */
final class ClockEvictor implements Evictor {
  private static final int EMPTY = -1;

  private final ReplacementContext context;
  private final boolean pteBits;
  private final int[] frameOfSlot;
  private final int[] slotOfFrame;
  private final boolean[] use;
  /** Free slots below {@link #ring}, the most recently freed on top. */
  private final int[] freeSlots;
  private int freeCount;
  /** Slots ever used: the ring is 0..ring-1. */
  private int ring;
  private int hand;
  private int tracked;

  ClockEvictor(ReplacementContext context, boolean pteBits) {
    int capacity = context.capacity();
    this.context = context;
    this.pteBits = pteBits;
    frameOfSlot = new int[capacity];
    slotOfFrame = new int[capacity];
    use = new boolean[capacity];
    freeSlots = new int[capacity];
    Arrays.fill(frameOfSlot, EMPTY);
    Arrays.fill(slotOfFrame, EMPTY);
  }

  /** A load: the page goes into the last freed slot (its victim's), else the next fresh one, use bit set. */
  @Override
  public void added(int frame) {
    if (slotOfFrame[frame] != EMPTY) {
      throw new IllegalStateException("frame " + frame + " is already tracked");
    }
    int slot = freeCount > 0 ? freeSlots[--freeCount] : ring++;
    frameOfSlot[slot] = frame;
    slotOfFrame[frame] = slot;
    use[slot] = true;
    tracked++;
  }

  @Override
  public void referenced(int frame) {
    int slot = slotOfFrame[frame];
    if (slot != EMPTY) {
      use[slot] = true;
    }
  }

  @Override
  public void removed(int frame) {
    int slot = slotOfFrame[frame];
    if (slot != EMPTY) {
      free(slot, frame);
    }
  }

  /** Advances the hand, clearing use bits, to the first occupied slot whose bit is clear. */
  @Override
  public int victim() {
    if (tracked == 0) {
      return -1;
    }
    // Two turns clear every bit; the bound only guards against a context that keeps reporting references.
    for (long step = 0, limit = 2L * ring + 1; ; step++) {
      int slot = hand;
      hand = hand + 1 == ring ? 0 : hand + 1;
      int frame = frameOfSlot[slot];
      if (frame == EMPTY) {
        if (step > 3L * ring) {
          throw new IllegalStateException("clock: " + tracked + " frames tracked but none in the ring");
        }
        continue;
      }
      boolean referenced = use[slot];
      use[slot] = false;
      if (pteBits) {
        // Always test: clearing both bits means "referenced since the hand last passed".
        referenced |= context.testAndClearReferenced(frame);
      }
      if (!referenced || step >= limit) {
        free(slot, frame);
        return frame;
      }
    }
  }

  private void free(int slot, int frame) {
    frameOfSlot[slot] = EMPTY;
    slotOfFrame[frame] = EMPTY;
    use[slot] = false;
    freeSlots[freeCount++] = slot;
    tracked--;
  }
}
