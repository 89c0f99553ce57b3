package io.vmlab.kernel.fs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine's files: those a scenario declares, by path, and the shmem files created for
 * shared anonymous mappings ("/dev/zero (deleted)" on device 00:01, inodes numbered 1, 2, ...).
 */
public final class FileTable {
  private final Map<String, Inode> byPath = new LinkedHashMap<>();
  private long nextShmemIno = 1;

  /** Declares a file. */
  public Inode create(String path, int major, int minor, long ino, long size, int fill, boolean shmem) {
    Inode inode = new Inode(path, major, minor, ino, size, fill, shmem, false);
    byPath.put(path, inode);
    return inode;
  }

  /** The file at {@code path}, or null. */
  public Inode lookup(String path) {
    return byPath.get(path);
  }

  /** shmem_zero_setup(): a new shmem file for a shared anonymous mapping of {@code size} bytes. */
  public Inode newShmemZero(long size) {
    return new Inode("/dev/zero", 0, 1, nextShmemIno++, size, 0, true, true);
  }

  /** Every declared file. */
  public Iterable<Inode> files() {
    return byPath.values();
  }
}
