package io.vmlab.kernel.fs;

import io.vmlab.kernel.mm.Vma;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A file's page cache (struct address_space): the frame holding each page index, and i_mmap,
 * the VMAs that map the file (the reverse map for file pages).
 */
public final class AddressSpace {
  private final Inode host;
  private int[] frames = new int[0];
  private long nrPages;
  private final List<Vma> vmas = new ArrayList<>();
  private int id;

  AddressSpace(Inode host) {
    this.host = host;
  }

  /** The file. */
  public Inode host() {
    return host;
  }

  /** The id struct page's mapping field holds for this file's pages. */
  public int id() {
    return id;
  }

  /** Assigns the mapping id (once, by the kernel's registry). */
  public void setId(int id) {
    this.id = id;
  }

  /** The frame caching page {@code index}, or -1. */
  public int find(long index) {
    return index < frames.length ? frames[(int) index] - 1 : -1;
  }

  /** Adds a page to the cache. */
  public void add(long index, int pfn) {
    if (index >= frames.length) {
      frames = Arrays.copyOf(frames, (int) Math.max(index + 1, frames.length * 2L));
    }
    if (frames[(int) index] != 0) {
      throw new IllegalStateException("page " + index + " of " + host + " is cached twice");
    }
    frames[(int) index] = pfn + 1;
    nrPages++;
  }

  /** Removes a page from the cache. */
  public void remove(long index) {
    if (index < frames.length && frames[(int) index] != 0) {
      frames[(int) index] = 0;
      nrPages--;
    }
  }

  /** Cached pages. */
  public long nrPages() {
    return nrPages;
  }

  /** Highest index slot (exclusive) that may hold a page. */
  public long limit() {
    return frames.length;
  }

  /** i_mmap: the VMAs mapping the file. */
  public List<Vma> vmas() {
    return vmas;
  }
}
