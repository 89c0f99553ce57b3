package io.vmlab.kernel.fs;

/**
 * A file (struct inode): its identity as /proc prints it, its size and contents, and its page
 * cache. Files on a device-less filesystem (major 0: tmpfs, shmem) count as shmem in RSS.
 */
public final class Inode {
  private final String path;
  private final int major;
  private final int minor;
  private final long ino;
  private final boolean shmem;
  private final boolean deleted;
  private long size;
  private final int fill;
  private final AddressSpace mapping;
  /** The first page of each page's folio, when the file has large folios (else null). */
  private int[] folioStart;
  /** Pages written back to storage: their bytes outlive the page cache (others read as the fill byte). */
  private final java.util.Map<Long, byte[]> stored = new java.util.HashMap<>();

  /**
   * @param path the path maps shows
   * @param major device major (0 = a device-less filesystem such as tmpfs)
   * @param minor device minor
   * @param ino inode number
   * @param size file size in bytes
   * @param fill the byte every position of the file holds
   * @param shmem whether pages are shmem (swap-backed) rather than file pages
   * @param deleted whether maps appends " (deleted)"
   */
  public Inode(String path, int major, int minor, long ino, long size, int fill, boolean shmem, boolean deleted) {
    this.path = path;
    this.major = major;
    this.minor = minor;
    this.ino = ino;
    this.size = size;
    this.fill = fill;
    this.shmem = shmem;
    this.deleted = deleted;
    this.mapping = new AddressSpace(this);
  }

  public String path() {
    return path;
  }

  public int major() {
    return major;
  }

  public int minor() {
    return minor;
  }

  public long ino() {
    return ino;
  }

  /** i_size. */
  public long size() {
    return size;
  }

  /** Grows the file (a write past the end). */
  public void setSize(long size) {
    this.size = size;
  }

  /** The byte stored at every position below the size. */
  public int fill() {
    return fill;
  }

  /** Whether the file's pages are shmem (tmpfs, shared anonymous memory). */
  public boolean shmem() {
    return shmem;
  }

  /** Whether maps shows " (deleted)" after the path. */
  public boolean deleted() {
    return deleted;
  }

  /**
   * Gives the file large page-cache folios as sequential write()s of {@code writeBytes} each,
   * from offset 0, create them on a filesystem with large folios (generic_perform_write(): each
   * write_begin asks for a folio of the largest order the bytes left in the write allow,
   * fgf_set_order(), aligned to its index), up to {@code maxPages} pages per folio. Written in
   * 16 KiB pieces, a 16 KiB file is one folio of 4 pages and a 10 KiB one a folio of 2 pages and
   * one of 1.
   */
  public void setLargeFolios(int maxPages, long writeBytes) {
    if (maxPages < 1 || Integer.bitCount(maxPages) != 1 || writeBytes < 1) {
      throw new IllegalArgumentException("folio size must be a power of two pages: " + maxPages);
    }
    int n = (int) pages();
    folioStart = new int[n];
    java.util.Arrays.fill(folioStart, -1);
    long chunk = (long) maxPages << 12;
    for (long w = 0; w < size; w += writeBytes) {
      long wend = Math.min(size, w + writeBytes);
      long pos = w;
      while (pos < wend) {
        int index = (int) (pos >>> 12);
        if (folioStart[index] >= 0) {
          pos = Math.min(wend, (long) (index + 1) << 12);
          continue;
        }
        long len = Math.min(wend - pos, chunk - (pos & (chunk - 1)));
        int order = Math.max(0, 63 - Long.numberOfLeadingZeros(len) - 12);
        if (index != 0 && (index & ((1 << order) - 1)) != 0) {
          order = Integer.numberOfTrailingZeros(index);
        }
        int end = Math.min(n, index + (1 << order));
        for (int i = index; i < end; i++) {
          folioStart[i] = index;
        }
        pos = Math.min(wend, (long) end << 12);
      }
    }
  }

  /** split_folio(): the large folio starting at {@code start} becomes single pages. */
  public void splitFolio(long start) {
    if (folioStart == null) {
      return;
    }
    for (int i = (int) start; i < folioStart.length && folioStart[i] == start; i++) {
      folioStart[i] = i;
    }
  }

  /** The first page of the folio holding page {@code index} (itself without large folios). */
  public long folioStart(long index) {
    return folioStart != null && index < folioStart.length && folioStart[(int) index] >= 0 ? folioStart[(int) index] : index;
  }

  /** Pages of the folio holding page {@code index}. */
  public int folioPages(long index) {
    if (folioStart == null || index >= folioStart.length || folioStart[(int) index] < 0) {
      return 1;
    }
    int start = folioStart[(int) index];
    int end = (int) index + 1;
    while (end < folioStart.length && folioStart[end] == start) {
      end++;
    }
    return end - start;
  }

  /** The page cache. */
  public AddressSpace mapping() {
    return mapping;
  }

  /** Pages covering the file's size. */
  /** writepage(): the page's bytes are on storage now. */
  public void storePage(long index, byte[] bytes) {
    stored.put(index, bytes);
  }

  /** The bytes of page {@code index} on storage, or null if it holds the fill byte (a fresh copy). */
  public byte[] storedPage(long index) {
    byte[] b = stored.get(index);
    return b == null ? null : b.clone();
  }

  /** One byte of page {@code index} on storage: the written-back byte, else the fill byte. */
  public int storedByte(long index, int offset) {
    byte[] b = stored.get(index);
    return b == null ? fill : b[offset] & 0xff;
  }

  public long pages() {
    return (size + 4095) >>> 12;
  }

  @Override
  public String toString() {
    return path;
  }
}
