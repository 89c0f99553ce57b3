package io.vmlab.api.policy;

import java.util.Arrays;

/**
 * Doubly-linked lists of frames kept in primitive arrays, as Linux threads pages on its LRU
 * lists through struct page: a frame is on at most one list, and every operation is O(1) and
 * allocation-free. Policies build their queues from it.
 */
public final class FrameLists {
  /** The list id of a frame that is on no list. */
  public static final int NONE = -1;

  private final int[] next;
  private final int[] prev;
  private final byte[] owner;
  private final int[] head;
  private final int[] tail;
  private final int[] size;

  /**
   * @param capacity frames are numbered {@code 0..capacity-1}
   * @param lists how many lists (at most 127)
   */
  public FrameLists(int capacity, int lists) {
    if (lists < 1 || lists > 127) {
      throw new IllegalArgumentException("lists: " + lists);
    }
    next = new int[capacity];
    prev = new int[capacity];
    owner = new byte[capacity];
    Arrays.fill(owner, (byte) NONE);
    head = new int[lists];
    tail = new int[lists];
    size = new int[lists];
    Arrays.fill(head, NONE);
    Arrays.fill(tail, NONE);
  }

  /** The list {@code frame} is on, or {@link #NONE}. */
  public int listOf(int frame) {
    return owner[frame];
  }

  /** Frames on {@code list}. */
  public int size(int list) {
    return size[list];
  }

  /** The first frame of {@code list}, or -1. */
  public int head(int list) {
    return head[list];
  }

  /** The last frame of {@code list}, or -1. */
  public int tail(int list) {
    return tail[list];
  }

  /** The frame after {@code frame} on its list, or -1. */
  public int next(int frame) {
    return next[frame];
  }

  /** The frame before {@code frame} on its list, or -1. */
  public int prev(int frame) {
    return prev[frame];
  }

  /** Puts {@code frame} first on {@code list}, taking it off any list it is on. */
  public void addHead(int list, int frame) {
    remove(frame);
    next[frame] = head[list];
    prev[frame] = NONE;
    if (head[list] == NONE) {
      tail[list] = frame;
    } else {
      prev[head[list]] = frame;
    }
    head[list] = frame;
    owner[frame] = (byte) list;
    size[list]++;
  }

  /** Puts {@code frame} last on {@code list}, taking it off any list it is on. */
  public void addTail(int list, int frame) {
    remove(frame);
    prev[frame] = tail[list];
    next[frame] = NONE;
    if (tail[list] == NONE) {
      head[list] = frame;
    } else {
      next[tail[list]] = frame;
    }
    tail[list] = frame;
    owner[frame] = (byte) list;
    size[list]++;
  }

  /** Takes {@code frame} off its list; nothing if it is on none. */
  public void remove(int frame) {
    int list = owner[frame];
    if (list == NONE) {
      return;
    }
    int p = prev[frame];
    int n = next[frame];
    if (p == NONE) {
      head[list] = n;
    } else {
      next[p] = n;
    }
    if (n == NONE) {
      tail[list] = p;
    } else {
      prev[n] = p;
    }
    owner[frame] = (byte) NONE;
    size[list]--;
  }

  /** Removes and returns the first frame of {@code list}, or -1. */
  public int pollHead(int list) {
    int f = head[list];
    if (f != NONE) {
      remove(f);
    }
    return f;
  }

  /** Removes and returns the last frame of {@code list}, or -1. */
  public int pollTail(int list) {
    int f = tail[list];
    if (f != NONE) {
      remove(f);
    }
    return f;
  }
}
