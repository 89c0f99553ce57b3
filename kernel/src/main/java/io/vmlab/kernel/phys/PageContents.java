package io.vmlab.kernel.phys;

import java.util.HashMap;
import java.util.Map;

/**
 * The bytes scripts write into pages, kept only for frames that were written (a value per touch,
 * a file's fill byte). Frames never written read as zero. Not on the trace-replay hot path: replayed
 * accesses carry no values.
 */
public final class PageContents {
  private final Map<Integer, byte[]> pages = new HashMap<>();

  /** The byte at {@code offset} of frame {@code pfn}, or -1 if the frame was never written. */
  public int peek(int pfn, int offset) {
    byte[] b = pages.get(pfn);
    return b == null ? -1 : b[offset] & 0xff;
  }

  /** Whether the frame has explicit contents. */
  public boolean has(int pfn) {
    return pages.containsKey(pfn);
  }

  /** Writes one byte. */
  public void poke(int pfn, int offset, int value) {
    pages.computeIfAbsent(pfn, k -> new byte[PhysicalMemory.PAGE_SIZE])[offset] = (byte) value;
  }

  /** Fills the frame with {@code value} up to {@code length} bytes, zero after. */
  public void fill(int pfn, int value, int length) {
    byte[] b = new byte[PhysicalMemory.PAGE_SIZE];
    java.util.Arrays.fill(b, 0, Math.min(length, b.length), (byte) value);
    pages.put(pfn, b);
  }

  /** copy_user_highpage: {@code to} gets {@code from}'s bytes (zero if it had none). */
  public void copy(int from, int to) {
    byte[] b = pages.get(from);
    if (b == null) {
      pages.remove(to);
    } else {
      pages.put(to, b.clone());
    }
  }

  /** The frame's bytes, taken away (null if it had none): the page is leaving memory. */
  public byte[] take(int pfn) {
    return pages.remove(pfn);
  }

  /** Gives a frame these bytes (null: all zero). */
  public void put(int pfn, byte[] bytes) {
    if (bytes == null) {
      pages.remove(pfn);
    } else {
      pages.put(pfn, bytes);
    }
  }

  /** Forgets a frame (it was freed or zeroed). */
  public void drop(int pfn) {
    pages.remove(pfn);
  }
}
