package io.vmlab.kernel.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vmlab.api.KernelVersion;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import io.vmlab.kernel.proc.ProcFs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * do_anonymous_page() and the zero-page COW of do_wp_page() (mm/memory.c, 6.1): a read maps the
 * shared zero page read-only (a minor fault, no RSS, no anon_vma); the first write then copies it
 * into a fresh zeroed page (another minor fault, RssAnon + 1). A first write gets its page at once.
 */
class AnonymousFaultTest {
  private static final long PAGE = TestProcess.PAGE;

  @ParameterizedTest
  @EnumSource(Mode.class)
  void readMapsTheZeroPageThenWriteCopiesIt(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    int zero = p.kernel.memory().zeroPfn();
    long a = p.mmap(0, 4 * PAGE, TestProcess.RW, TestProcess.ANON);
    Rss before = Rss.of(p);
    long freeBefore = p.kernel.memory().freeFrames();
    long tablesBefore = p.task.mm().pageTable().tableBytes() >>> 12;

    assertEquals(0, p.read(a + 100));
    assertEquals(1, p.task.minflt(), "one minor fault");
    assertEquals(0, p.task.majflt());
    assertEquals(zero, p.sys.frameAt(p.task, a), "the shared zero page");
    assertEquals(before, Rss.of(p), "the zero page is not counted");
    assertEquals(null, p.vma(a).anonVma(), "no anon_vma for a zero-page read");

    p.write(a + 100, 1, 0x42);
    assertEquals(2, p.task.minflt(), "the write-protect fault is another minor fault");
    int frame = p.sys.frameAt(p.task, a);
    assertNotEquals(zero, frame, "wp_page_copy() gave it a page of its own");
    assertEquals(before.anon() + 1, Rss.of(p).anon());
    assertEquals(0x42, p.read(a + 100));
    assertEquals(0, p.read(a + 101), "the copy of the zero page is zeroed");
    assertEquals(1, p.kernel.memory().mapcount(frame));
    // One data page, plus the PTE table (and on deeper modes its parents) the first fault built.
    long tables = (p.task.mm().pageTable().tableBytes() >>> 12) - tablesBefore;
    assertEquals(1 + tables, freeBefore - p.kernel.memory().freeFrames(), "frames used");

    p.write(a + PAGE, 1, 7);
    assertEquals(3, p.task.minflt(), "a first write is a single fault");
    assertEquals(before.anon() + 2, Rss.of(p).anon());
  }

  @ParameterizedTest
  @ValueSource(strings = {"6.1", "6.18"})
  void statusShowsTheCountersAsTheVersionBatchesThem(String version) {
    KernelVersion v = KernelVersion.parse(version);
    TestProcess p = TestProcess.on(Machine.of(Mode.X86_64_4LEVEL).version(v).build());
    ProcFs proc = new ProcFs(p.kernel);
    long rss0 = proc.status(p.task).get("RssAnon");
    long a = p.mmap(0, 10 * PAGE, TestProcess.RW, TestProcess.ANON);
    p.write(a, 10 * PAGE, 1);
    assertEquals(10, Rss.of(p).anon() - rss0 / 4);
    // 6.1 (SPLIT_RSS_COUNTING): the faults' deltas sit in the task's cache until 64 events have
    // passed, so status still shows the old value; 6.18 counts in the mm at once.
    long shown = proc.status(p.task).get("RssAnon");
    assertEquals(v.equals(KernelVersion.V6_1) ? rss0 : rss0 + 40, shown, "RssAnon in status, kB");
    p.task.mm().rss().sync();
    assertEquals(rss0 + 40, proc.status(p.task).get("RssAnon"), "after sync_mm_rss()");
  }
}
