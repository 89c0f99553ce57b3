package io.vmlab.kernel.exec;

import io.vmlab.api.arch.Access;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.memory.MemoryManager;
import io.vmlab.kernel.memory.Mmu;

/**
 * The kernel touching a task's user memory: copy_to_user(), clear_user() and put_user() through
 * the MMU in kernel mode (faults are handled as for any kernel access to a user address), and a
 * side-effect-free read of what is mapped (for dumping the initial stack).
 */
final class UserAccess {
  private final Task task;
  private final MemoryManager memory;
  private final Mmu mmu;

  UserAccess(Task task) {
    this.task = task;
    this.memory = task.kernel().memoryManager();
    this.mmu = memory.mmu();
  }

  /** copy_to_user(): returns the bytes not copied (0 when all were). */
  long copyToUser(long addr, byte[] src, int off, int len) {
    int done = 0;
    while (done < len) {
      long a = addr + done;
      int chunk = (int) Math.min(len - done, 4096 - (a & 0xfff));
      if (mmu.access(task, a, Access.WRITE, false) != Mmu.OK) {
        return len - done;
      }
      int pfn = mmu.frame();
      for (int i = 0; i < chunk; i++) {
        memory.writeByte(pfn, (int) ((a + i) & 0xfff), src[off + done + i]);
      }
      done += chunk;
    }
    return 0;
  }

  /** clear_user(): returns the bytes not cleared. */
  long clearUser(long addr, long len) {
    long done = 0;
    while (done < len) {
      long a = addr + done;
      long chunk = Math.min(len - done, 4096 - (a & 0xfff));
      if (mmu.access(task, a, Access.WRITE, false) != Mmu.OK) {
        return len - done;
      }
      int pfn = mmu.frame();
      for (long i = 0; i < chunk; i++) {
        memory.writeByte(pfn, (int) ((a + i) & 0xfff), 0);
      }
      done += chunk;
    }
    return 0;
  }

  /** put_user() of a word of {@code size} bytes, little-endian; false on a fault. */
  boolean putWord(long addr, long value, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (value >>> (8 * i));
    }
    return copyToUser(addr, b, 0, size) == 0;
  }

  /** The byte mapped at {@code addr}, or 0 where nothing is mapped; touches no PTE or TLB entry. */
  static int peek(Task t, long addr) {
    MemoryManager mm = t.kernel().memoryManager();
    int pfn = mm.frameAt(t, addr);
    return pfn < 0 ? 0 : mm.readByte(pfn, (int) (addr & 0xfff));
  }
}
