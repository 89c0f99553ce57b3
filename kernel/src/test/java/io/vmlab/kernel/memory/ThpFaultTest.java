package io.vmlab.kernel.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.mm.Mman;
import io.vmlab.kernel.proc.ProcFs;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Anonymous THP faults (do_huge_pmd_anonymous_page, mm/huge_memory.c 6.1): where the PMD level can
 * map 2 MiB (PAE, x86-64; not IA-32 2-level, whose PMD is folded), a write fault in an aligned
 * MADV_HUGEPAGE range (THP "madvise") maps a whole huge page, a read maps the huge zero page, and a
 * write to the huge zero page falls back to a 4 KiB page.
 */
class ThpFaultTest {
  private static final long PAGE = TestProcess.PAGE;
  private static final long HUGE = 2L << 20;
  private static final long BASE = 0x10000000L;

  private static Map<String, String> smaps(TestProcess p) {
    return new ProcFs(p.kernel).smaps(p.task).stream().filter(e -> e.vma() != null && e.vma().start() == BASE)
        .findFirst().orElseThrow().fields();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void madvHugepageWriteMapsAHugePageWhereThePagingModeHasOne(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    boolean pmdPages = mode != Mode.IA32_2LEVEL;
    p.fixed(BASE, 2 * HUGE / PAGE, TestProcess.RW);
    assertEquals(0, p.madvise(BASE, 2 * HUGE, Mman.MADV_HUGEPAGE));
    Rss base = Rss.of(p);
    p.write(BASE + 5 * PAGE, 1, 1);
    assertEquals(1, p.task.minflt());
    assertEquals(pmdPages ? 512 : 1, Rss.of(p).minus(base).anon());
    assertEquals(pmdPages ? "2048" : "0", smaps(p).get("AnonHugePages"));
    if (pmdPages) {
      int head = p.sys.frameAt(p.task, BASE);
      assertEquals(head + 300, p.sys.frameAt(p.task, BASE + 300 * PAGE), "one compound page of 512 frames");
      assertEquals(0, p.read(BASE + 300 * PAGE));
      assertEquals(1, p.task.minflt(), "the whole 2 MiB is mapped");
    }

    // A read of the second huge range: the huge zero page, no RSS.
    assertEquals(0, p.read(BASE + HUGE + 7 * PAGE));
    assertEquals(pmdPages ? 512 : 1, Rss.of(p).minus(base).anon());
    long other = BASE + HUGE + (pmdPages ? 100 : 7) * PAGE;
    assertEquals(p.kernel.memory().zeroPfn(), p.sys.frameAt(p.task, other), "(huge) zero page");
    // A write there splits the zero PMD and takes a 4 KiB page.
    p.write(BASE + HUGE + 9 * PAGE, 1, 2);
    assertEquals(pmdPages ? 513 : 2, Rss.of(p).minus(base).anon());
  }

  @ParameterizedTest
  @EnumSource(value = MachineSpec.Thp.class)
  void theThpSettingDecidesWithoutMadvise(MachineSpec.Thp thp) {
    TestProcess p = TestProcess.on(Machine.of(Mode.X86_64_4LEVEL).thp(thp).build());
    p.fixed(BASE, HUGE / PAGE, TestProcess.RW);
    Rss base = Rss.of(p);
    p.write(BASE, 1, 1);
    assertEquals(thp == MachineSpec.Thp.ALWAYS ? 512 : 1, Rss.of(p).minus(base).anon(), thp.toString());
  }
}
