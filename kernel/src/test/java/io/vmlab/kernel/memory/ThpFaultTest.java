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
 * Anonymous THP faults (do_huge_pmd_anonymous_page, mm/huge_memory.c 6.1): a write fault in an
 * aligned MADV_HUGEPAGE range (THP "madvise") maps a whole huge page of HPAGE_PMD_SIZE (2 MiB with
 * PAE and on x86-64; 4 MiB on IA-32 2-level, where the folded pmd is the pgd entry and PSE maps
 * 4 MiB, as the i386-linux-6.1 cases recorded), a read maps the huge zero page, and a write to
 * the huge zero page falls back to a 4 KiB page.
 */
class ThpFaultTest {
  private static final long PAGE = TestProcess.PAGE;
  private static final long BASE = 0x10000000L;

  private static Map<String, String> smaps(TestProcess p) {
    return new ProcFs(p.kernel).smaps(p.task).stream().filter(e -> e.vma() != null && e.vma().start() == BASE)
        .findFirst().orElseThrow().fields();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void madvHugepageWriteMapsAWholeHugePage(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    int pages = mode == Mode.IA32_2LEVEL ? 1024 : 512;
    long huge = pages * PAGE;
    p.fixed(BASE, 2 * pages, TestProcess.RW);
    assertEquals(0, p.madvise(BASE, 2 * huge, Mman.MADV_HUGEPAGE));
    Rss base = Rss.of(p);
    p.write(BASE + 5 * PAGE, 1, 1);
    assertEquals(1, p.task.minflt());
    assertEquals(pages, Rss.of(p).minus(base).anon());
    assertEquals(Long.toString(huge >>> 10), smaps(p).get("AnonHugePages"));
    assertEquals("1", smaps(p).get("THPeligible"));
    int head = p.sys.frameAt(p.task, BASE);
    assertEquals(head + pages - 3, p.sys.frameAt(p.task, BASE + (pages - 3) * PAGE), "one compound page");
    assertEquals(0, p.read(BASE + (pages - 3) * PAGE));
    assertEquals(1, p.task.minflt(), "the whole huge page is mapped");

    // A read of the second huge range: the huge zero page, no RSS.
    assertEquals(0, p.read(BASE + huge + 7 * PAGE));
    assertEquals(pages, Rss.of(p).minus(base).anon());
    assertEquals(p.kernel.memory().zeroPfn(), p.sys.frameAt(p.task, BASE + huge + 100 * PAGE), "huge zero page");
    // A write there splits the zero PMD and takes a 4 KiB page.
    p.write(BASE + huge + 9 * PAGE, 1, 2);
    assertEquals(pages + 1, Rss.of(p).minus(base).anon());
  }

  @ParameterizedTest
  @EnumSource(value = MachineSpec.Thp.class)
  void theThpSettingDecidesWithoutMadvise(MachineSpec.Thp thp) {
    TestProcess p = TestProcess.on(Machine.of(Mode.X86_64_4LEVEL).thp(thp).build());
    p.fixed(BASE, 512, TestProcess.RW);
    Rss base = Rss.of(p);
    p.write(BASE, 1, 1);
    assertEquals(thp == MachineSpec.Thp.ALWAYS ? 512 : 1, Rss.of(p).minus(base).anon(), thp.toString());
  }
}
