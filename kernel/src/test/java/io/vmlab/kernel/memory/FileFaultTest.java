package io.vmlab.kernel.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.PageFaultError;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.fs.OpenFile;
import io.vmlab.kernel.mm.Mman;
import io.vmlab.kernel.phys.PageFlags;
import io.vmlab.kernel.sys.AccessOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * File faults of mm/memory.c (6.1): do_read_fault() with do_fault_around() (fault_around_bytes,
 * 64 KiB by default: the aligned window, or from the VMA start, clipped to the VMA and the page
 * table; only cached pages are mapped), filemap_fault()'s major fault and read-around, private
 * writes (do_cow_fault, wp_page_copy: RssFile to RssAnon), shared writes (do_shared_fault,
 * wp_page_shared), and SIGBUS beyond the end of the file.
 */
class FileFaultTest {
  private static final long PAGE = TestProcess.PAGE;
  /** 256 MiB: aligned to every page-table span. */
  private static final long BASE = 0x10000000L;
  private static final int PRIVATE_FIXED = Mman.MAP_PRIVATE | Mman.MAP_FIXED;
  private static final int SHARED_FIXED = Mman.MAP_SHARED | Mman.MAP_FIXED;

  /** A file on a disk (ext4-like, with writeback) whose pages are all in the page cache. */
  private static OpenFile diskFile(Kernel k, long pages) {
    return new OpenFile(k.createCachedFile("/disk/f", 8, 1, 12, pages * PAGE, 0x61, false), true, true);
  }

  private static long mapped(TestProcess p, long start, long pages) {
    long n = 0;
    for (long i = 0; i < pages; i++) {
      if (p.sys.frameAt(p.task, start + i * PAGE) >= 0) {
        n++;
      }
    }
    return n;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void oneReadFaultMapsTheAligned64KWindowOfCachedPages(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    OpenFile f = diskFile(p.kernel, 64);
    assertEquals(BASE, p.mmap(BASE, 64 * PAGE, TestProcess.R, PRIVATE_FIXED, f, 0));
    assertEquals(0x61, p.read(BASE + 5 * PAGE + 3));
    assertEquals(1, p.task.minflt());
    assertEquals(16, Rss.of(p).file(), "pages 0-15: the 64 KiB window around the fault");
    assertEquals(16, mapped(p, BASE, 16));
    for (int i = 0; i < 16; i++) {
      assertEquals(f.inode().mapping().find(i), p.sys.frameAt(p.task, BASE + i * PAGE), "page-cache frame " + i);
    }
    assertEquals(0x61, p.read(BASE + 15 * PAGE));
    assertEquals(1, p.task.minflt(), "page 15 was mapped by fault-around");
    assertEquals(0x61, p.read(BASE + 21 * PAGE));
    assertEquals(2, p.task.minflt());
    assertEquals(32, Rss.of(p).file(), "pages 16-31");
    assertEquals(0, p.task.majflt(), "everything was cached");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theWindowStartsAtTheVmaStartAndStopsAtTheVmaEndAndThePageTableEnd(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    OpenFile f = diskFile(p.kernel, 64);
    long start = BASE + 3 * PAGE;
    p.mmap(start, 32 * PAGE, TestProcess.R, PRIVATE_FIXED, f, 0);
    p.read(start);
    // address = max(address & mask, vm_start): 16 pages from the VMA start.
    assertEquals(16, Rss.of(p).file());
    p.read(start + 16 * PAGE);
    // The aligned window BASE+16..BASE+31 holds VMA pages 13..28; 13..15 are mapped already.
    assertEquals(16 + 13, Rss.of(p).file());

    TestProcess q = TestProcess.on(p.kernel);
    q.mmap(BASE, 5 * PAGE, TestProcess.R, PRIVATE_FIXED, f, 0);
    q.read(BASE);
    assertEquals(5, Rss.of(q).file(), "clipped to the VMA end");

    TestProcess r = TestProcess.on(p.kernel);
    long tableSpan = mode == Mode.IA32_2LEVEL ? 4L << 20 : 2L << 20;
    long nearEnd = BASE + tableSpan - 3 * PAGE;
    r.mmap(nearEnd, 16 * PAGE, TestProcess.R, PRIVATE_FIXED, f, 0);
    r.read(nearEnd);
    assertEquals(3, Rss.of(r).file(), "clipped to the page table the fault is in");
    assertEquals(3, mapped(r, nearEnd, 16));
  }

  @ParameterizedTest
  @ValueSource(longs = {4096, 16384, 65536, 131072})
  void faultAroundBytesIsTheMachineSetting(long bytes) {
    TestProcess p = TestProcess.on(Machine.of(Mode.X86_64_4LEVEL).faultAroundBytes(bytes).build());
    OpenFile f = diskFile(p.kernel, 64);
    p.mmap(BASE, 64 * PAGE, TestProcess.R, PRIVATE_FIXED, f, 0);
    p.read(BASE + 33 * PAGE);
    // fault_around_bytes / PAGE_SIZE pages from the aligned address; one page disables it.
    assertEquals(bytes / PAGE, Rss.of(p).file());
    assertEquals(bytes / PAGE, mapped(p, BASE + 32 * PAGE, 32));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void privateWriteCopiesTheFilePageIntoAnAnonymousPage(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    OpenFile f = diskFile(p.kernel, 64);
    Rss base = Rss.of(p);
    p.mmap(BASE, 64 * PAGE, TestProcess.RW, PRIVATE_FIXED, f, 0);
    p.read(BASE);
    int cached = f.inode().mapping().find(0);
    assertEquals(cached, p.sys.frameAt(p.task, BASE), "a read maps the page-cache page itself");
    p.write(BASE + 7, 1, 0x7a);
    // do_wp_page() on a private file page: wp_page_copy(), MM_FILEPAGES-- and MM_ANONPAGES++.
    assertEquals(2, p.task.minflt());
    assertEquals(new Rss(1, 15, 0, 0), Rss.of(p).minus(base));
    int copy = p.sys.frameAt(p.task, BASE);
    assertNotEquals(cached, copy);
    assertTrue(p.kernel.memory().test(copy, PageFlags.ANON));
    assertEquals(0x7a, p.read(BASE + 7));
    assertEquals(0x61, p.read(BASE + 8), "the rest of the page was copied");
    assertEquals(0x61, p.kernel.memoryManager().fileByte(f.inode(), 7), "the file is unchanged");

    // A first write to an unmapped page: do_cow_fault(), no fault-around for a write.
    p.write(BASE + 40 * PAGE, 1, 1);
    assertEquals(3, p.task.minflt());
    assertEquals(new Rss(2, 15, 0, 0), Rss.of(p).minus(base));
    assertEquals(1, mapped(p, BASE + 32 * PAGE, 16));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sharedWriteDirtiesThePageCachePageEveryMapperSees(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    Inode tmp = p.kernel.createCachedFile("/data/s", 0, 0x20, 13, 8 * PAGE, 0x61, true);
    OpenFile s = new OpenFile(tmp, true, true);
    Rss base = Rss.of(p);
    p.mmap(BASE, 8 * PAGE, TestProcess.RW, SHARED_FIXED, s, 0);
    p.write(BASE + 2 * PAGE + 1, 1, 0x5b);
    // do_shared_fault(): the cache page itself, writable and dirty; tmpfs pages count as shmem.
    int frame = tmp.mapping().find(2);
    assertEquals(frame, p.sys.frameAt(p.task, BASE + 2 * PAGE));
    assertTrue(p.kernel.memory().test(frame, PageFlags.DIRTY));
    assertEquals(new Rss(0, 0, 1, 0), Rss.of(p).minus(base));
    assertEquals(0x5b, p.kernel.memoryManager().fileByte(tmp, 2 * PAGE + 1));
    TestProcess q = TestProcess.on(p.kernel);
    q.mmap(BASE, 8 * PAGE, TestProcess.R, SHARED_FIXED, s, 0);
    assertEquals(0x5b, q.read(BASE + 2 * PAGE + 1), "another process sees the write");

    // A disk file wants write notification: a read maps the page read-only, the write then
    // takes a write-protect fault (wp_page_shared) that keeps the frame.
    OpenFile d = diskFile(p.kernel, 16);
    p.mmap(BASE + (1L << 24), 16 * PAGE, TestProcess.RW, SHARED_FIXED, d, 0);
    long a = BASE + (1L << 24);
    long faults = p.task.minflt();
    p.read(a);
    int dframe = p.sys.frameAt(p.task, a);
    p.write(a + 9, 1, 0x33);
    assertEquals(faults + 2, p.task.minflt(), "read fault, then write-protect fault");
    assertEquals(dframe, p.sys.frameAt(p.task, a));
    assertEquals(0x33, p.kernel.memoryManager().fileByte(d.inode(), 9));
    assertEquals(new Rss(0, 16, 1, 0), Rss.of(p).minus(base));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void accessBeyondTheLastPageOfTheFileIsSigbus(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    Inode small = p.kernel.createCachedFile("/disk/small", 8, 1, 14, 0x1800, 0x61, false);
    OpenFile f = new OpenFile(small, true, true);
    p.mmap(BASE, 4 * PAGE, TestProcess.RW, PRIVATE_FIXED, f, 0);
    assertEquals(0x61, p.read(BASE + 0x17ff));
    assertEquals(0, p.read(BASE + 0x1800), "the tail of the last page reads as zeros");
    assertEquals(2, Rss.of(p).file(), "fault-around stops at the end of the file");
    long beyond = BASE + 2 * PAGE + 0x10;
    AccessOutcome o = p.sys.peek(p.task, beyond);
    assertEquals(AccessOutcome.SIGBUS, o.signal());
    assertEquals(Mmu.BUS_ADRERR, o.siCode());
    assertEquals(beyond, o.faultAddress());
    assertEquals(PageFaultError.USER, o.errorCode());
    AccessOutcome w = p.sys.touch(p.task, BASE + 3 * PAGE, 1, Access.WRITE, 1, PAGE);
    assertEquals(AccessOutcome.SIGBUS, w.signal(), "a private write past the end too (do_cow_fault)");
    assertFalse(p.sys.peek(p.task, BASE).signalled());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anUncachedPageIsAMajorFaultThatReadsAround(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    Inode disk = p.kernel.createFile("/disk/cold", 8, 1, 15, 128 * PAGE, 0x62);
    OpenFile f = new OpenFile(disk, true, false);
    p.mmap(BASE, 128 * PAGE, TestProcess.R, PRIVATE_FIXED, f, 0);
    assertEquals(0x62, p.read(BASE));
    assertEquals(1, p.task.majflt());
    assertEquals(0, p.task.minflt());
    assertEquals(1, Rss.of(p).file(), "fault-around found nothing cached; only the faulting page is mapped");
    // do_sync_mmap_readahead(): ra_pages (32) from max(0, pgoff - 16).
    assertEquals(32, disk.mapping().nrPages());
    p.read(BASE + PAGE);
    assertEquals(1, p.task.majflt());
    assertEquals(1, p.task.minflt(), "cached now: a minor fault");
    assertEquals(16, Rss.of(p).file(), "and fault-around maps the rest of the window");
    p.read(BASE + 100 * PAGE);
    assertEquals(2, p.task.majflt());
    assertEquals(64, disk.mapping().nrPages(), "pages 84-115");
    assertTrue(disk.mapping().find(84) >= 0 && disk.mapping().find(115) >= 0 && disk.mapping().find(83) < 0);
  }
}
