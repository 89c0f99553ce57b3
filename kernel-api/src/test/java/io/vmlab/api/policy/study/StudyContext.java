package io.vmlab.api.policy.study;

import io.vmlab.api.policy.ReplacementContext;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The harness's view of its frames: the page each holds, its dirty and accessed bits, and the
 * position of its last reference (which, with the trace, gives the next one).
 */
final class StudyContext implements ReplacementContext {
  private final SplittableRandom random;
  private final StudyTrace trace;
  private final boolean future;
  final long[] page;
  final boolean[] resident;
  final boolean[] dirty;
  final boolean[] accessed;
  final int[] lastReference;

  StudyContext(int capacity, SplittableRandom random, StudyTrace trace, boolean future) {
    this.random = random;
    this.trace = trace;
    this.future = future;
    page = new long[capacity];
    resident = new boolean[capacity];
    dirty = new boolean[capacity];
    accessed = new boolean[capacity];
    lastReference = new int[capacity];
    Arrays.fill(lastReference, -1);
  }

  /** Reference {@code i} touches the page in {@code frame}: accessed, maybe dirty, last seen at i. */
  void touch(int frame, int i) {
    accessed[frame] = true;
    dirty[frame] |= trace.write(i);
    lastReference[frame] = i;
  }

  @Override
  public int capacity() {
    return page.length;
  }

  @Override
  public SplittableRandom random() {
    return random;
  }

  @Override
  public boolean testAndClearReferenced(int frame) {
    check(frame);
    boolean was = accessed[frame];
    accessed[frame] = false;
    return was;
  }

  @Override
  public boolean dirty(int frame) {
    check(frame);
    return dirty[frame];
  }

  @Override
  public boolean anonymous(int frame) {
    check(frame);
    return true;
  }

  @Override
  public long page(int frame) {
    check(frame);
    return page[frame];
  }

  @Override
  public long nextReference(int frame) {
    if (!future) {
      throw new UnsupportedOperationException("nextReference: the policy did not declare FUTURE");
    }
    check(frame);
    return trace.nextReference(lastReference[frame]);
  }

  private void check(int frame) {
    if (frame < 0 || frame >= page.length || !resident[frame]) {
      throw new IllegalArgumentException("frame " + frame + " holds no page");
    }
  }
}
