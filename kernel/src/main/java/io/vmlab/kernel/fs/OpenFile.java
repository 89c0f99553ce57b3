package io.vmlab.kernel.fs;

/**
 * An open file (struct file): VMAs merge only if they map the same open file, not merely the
 * same inode. The mode decides VM_MAYWRITE for shared mappings.
 */
public final class OpenFile {
  private final Inode inode;
  private final boolean readable;
  private final boolean writable;

  public OpenFile(Inode inode, boolean readable, boolean writable) {
    this.inode = inode;
    this.readable = readable;
    this.writable = writable;
  }

  public Inode inode() {
    return inode;
  }

  /** FMODE_READ. */
  public boolean readable() {
    return readable;
  }

  /** FMODE_WRITE. */
  public boolean writable() {
    return writable;
  }

  @Override
  public String toString() {
    return inode.path();
  }
}
