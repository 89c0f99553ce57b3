package io.vmlab.kernel.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.arch.Access;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.sys.Syscalls;
import org.junit.jupiter.api.Test;

/**
 * Bugs found while testing the memory side, fixed: access_ok before copies, a #GP in kernel
 * mode, and file data that must survive write-back and eviction.
 */
class MemoryRegressionTest {
  @Test
  void preadIntoAKernelAddressIsEfault() {
    for (Mode m : Mode.values()) {
      TestProcess p = TestProcess.on(Machine.of(m).build());
      Inode f = p.kernel.createCachedFile("/data/f", 0, 0x20, 5, 0x3000, 0x61, true);
      long direct = p.kernel.arch().pageOffset();
      // vfs_read(): access_ok(buf, count) fails for a kernel address before anything is copied.
      assertEquals(Errno.EFAULT.neg(), p.sys.pread(p.task, f, 0, direct, 0x100), m + " pread");
      assertEquals(Errno.EFAULT.neg(), p.sys.pwrite(p.task, f, 0, direct, 0x100), m + " pwrite");
    }
  }

  @Test
  void kernelAccessToANonCanonicalAddressIsAnOops() {
    TestProcess p = TestProcess.on(Machine.of(Mode.X86_64_4LEVEL).build());
    Syscalls.KernelAccess r = p.sys.kaccess(p.task, 0x0000800000000000L, Access.READ);
    assertFalse(r.ok());
    assertNotNull(r.oops(), "a kernel #GP without fixup: die(\"general protection fault\")");
  }

  @Test
  void dataWrittenThroughASharedMappingSurvivesWritebackAndEviction() {
    TestProcess p = TestProcess.on(Machine.of(Mode.X86_64_4LEVEL).memory(16L << 20).swap(32L << 20).build());
    Inode file = p.kernel.createCachedFile("/disk/s", 8, 1, 51, 1024 * 4096L, 0x61, false);
    long s = p.mmap(0, 1024 * 4096L, TestProcess.RW, io.vmlab.kernel.mm.Mman.MAP_SHARED,
        new io.vmlab.kernel.fs.OpenFile(file, true, true), 0);
    p.write(s, 1024 * 4096L, 0x77);
    TestProcess hog = TestProcess.on(p.kernel);
    long h = hog.mmap(0, 5000 * 4096L, TestProcess.RW, TestProcess.ANON);
    hog.write(h, 5000 * 4096L, 3);
    long evicted = 1024 - file.mapping().nrPages();
    assertTrue(evicted > 0);
    long firstGone = 0;
    while (file.mapping().find(firstGone) >= 0) {
      firstGone++;
    }
    // The page was written back (pageout -> writepage) before it was freed: its data is on disk.
    assertEquals(0x77, p.kernel.memoryManager().fileByte(file, firstGone * 4096), "read() after eviction");
    assertEquals(0x77, p.read(s + firstGone * 4096), "the mapping faults it back in");
  }

  @Test
  void preadThroughTheDirectMapOverwritesAnotherPage() {
    TestProcess p = TestProcess.on(Machine.of(Mode.X86_64_4LEVEL).build());
    Inode f = p.kernel.createCachedFile("/data/f", 0, 0x20, 5, 0x1000, 0x61, true);
    long a = p.mmap(0, 4096, TestProcess.RW, TestProcess.ANON);
    p.write(a, 4096, 0x11);
    int frame = p.sys.frameAt(p.task, a);
    long alias = p.kernel.arch().pageOffset() + frame * 4096L;
    p.sys.pread(p.task, f, 0, alias, 0x10);
    assertEquals(0x11, p.read(a), "a user pointer into the kernel must not reach the process's own page");
  }
}
