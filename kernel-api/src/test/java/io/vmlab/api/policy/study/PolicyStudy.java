package io.vmlab.api.policy.study;

import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.ReplacementPolicy;
import io.vmlab.api.policy.ReplacementPolicy.Characteristic;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Replays a {@link StudyTrace} through a policy's evictor with N frames, as the kernel's
 * policy-study mode does: a reference to a resident page calls {@code referenced} (only for
 * {@code EVERY_REFERENCE} policies); a miss is a fault (cold misses included) and loads the page
 * into a free frame, or, when all N are full, into the frame {@code victim()} freed, counting a
 * write-back if the victim was written since it was loaded. Pages left at the end are not flushed.
 */
public final class PolicyStudy {
  private PolicyStudy() {}

  /** The textbook run: frames 0..N-1, filled in order, seed 1. */
  public static StudyResult run(ReplacementPolicy policy, StudyTrace trace, int frames) {
    return run(policy, trace, frames, FrameAllocation.SEQUENTIAL, 1);
  }

  /**
   * One run. The evictor's {@code random()} is {@code new SplittableRandom(seed)}; the scattered
   * allocator draws from a separate stream.
   *
   * @throws IllegalStateException if the evictor names a frame that holds no page, or none when full
   */
  public static StudyResult run(ReplacementPolicy policy, StudyTrace trace, int frames,
      FrameAllocation allocation, long seed) {
    if (frames < 1) {
      throw new IllegalArgumentException("frames: " + frames);
    }
    Set<Characteristic> traits = policy.characteristics();
    boolean every = traits.contains(Characteristic.EVERY_REFERENCE);
    int capacity = allocation == FrameAllocation.SEQUENTIAL ? frames : 4 * frames + 3;
    StudyContext ctx = new StudyContext(capacity, new SplittableRandom(seed), trace,
        traits.contains(Characteristic.FUTURE));
    SplittableRandom allocator = new SplittableRandom(~seed);
    int[] free = new int[capacity];
    int freeCount = capacity;
    for (int f = 0; f < capacity; f++) {
      free[f] = f;
    }
    Evictor evictor = policy.create(ctx);
    Map<Long, Integer> frameOf = new HashMap<>();
    long faults = 0;
    long writebacks = 0;
    for (int i = 0; i < trace.length(); i++) {
      long p = trace.page(i);
      Integer hit = frameOf.get(p);
      if (hit != null) {
        ctx.touch(hit, i);
        if (every) {
          evictor.referenced(hit);
        }
        continue;
      }
      faults++;
      int frame = -1;
      if (frameOf.size() == frames) {
        int v = evictor.victim();
        if (v < 0 || v >= capacity || !ctx.resident[v]) {
          throw new IllegalStateException(policy.name() + ": victim " + v + " holds no page (reference " + i
              + ", " + frames + " frames full)");
        }
        if (ctx.dirty[v]) {
          writebacks++;
        }
        frameOf.remove(ctx.page[v]);
        ctx.resident[v] = false;
        ctx.dirty[v] = false;
        ctx.accessed[v] = false;
        if (allocation == FrameAllocation.SEQUENTIAL) {
          frame = v;
        } else {
          free[freeCount++] = v;
        }
      }
      if (frame < 0) {
        if (allocation == FrameAllocation.SEQUENTIAL) {
          frame = frameOf.size(); // no page ever leaves but a victim: frames fill 0, 1, 2...
        } else {
          int k = allocator.nextInt(freeCount);
          frame = free[k];
          free[k] = free[--freeCount];
        }
      }
      ctx.page[frame] = p;
      ctx.resident[frame] = true;
      ctx.dirty[frame] = false;
      ctx.touch(frame, i);
      frameOf.put(p, frame);
      evictor.added(frame);
    }
    return new StudyResult(trace.length(), faults, writebacks);
  }
}
