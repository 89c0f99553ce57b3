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
  private int folioPages = 1;
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

  /** Pages per page-cache folio (large folios, e.g. 4 on an ext4 with 16 KiB folios). */
  public int folioPages() {
    return folioPages;
  }

  /** Sets the folio size in pages (a power of two). */
  public void setFolioPages(int pages) {
    if (pages < 1 || Integer.bitCount(pages) != 1) {
      throw new IllegalArgumentException("folio size must be a power of two pages: " + pages);
    }
    this.folioPages = pages;
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
