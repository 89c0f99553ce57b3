package io.vmlab.kernel.pgtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.arch.LevelGeometry;
import io.vmlab.api.arch.PageLevel;
import io.vmlab.api.arch.PagingGeometry;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.TestKernels;
import io.vmlab.kernel.TestKernels.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The index at each of Linux's five levels (pgd, p4d, pud, pmd, pte) for sample addresses, on
 * every paging mode, against values computed by hand; folded levels always give index 0.
 */
class PagingIndexTest {
  /** Mode, address, and the indices pgd, p4d, pud, pmd, pte ("-" = folded, index 0). */
  static Stream<Arguments> samples() {
    return Stream.of(
        // IA-32 2-level: 10/10/12. 0x08048000 >> 22 = 0x20; (0x08048000 >> 12) & 0x3ff = 0x48.
        Arguments.of(Mode.IA32_2LEVEL, 0x08048000L, new int[] {32, 0, 0, 0, 72}),
        // 0xbffff000 >> 22 = 0x2ff; (0xbffff000 >> 12) & 0x3ff = 0x3ff.
        Arguments.of(Mode.IA32_2LEVEL, 0xbffff000L, new int[] {767, 0, 0, 0, 1023}),
        // 0xc0000000: the first kernel PDE.
        Arguments.of(Mode.IA32_2LEVEL, 0xc0000000L, new int[] {768, 0, 0, 0, 0}),
        // PAE: 2/9/9/12. 0x08048000 >> 30 = 0; (>> 21) & 0x1ff = 0x40; (>> 12) & 0x1ff = 0x48.
        Arguments.of(Mode.IA32_PAE, 0x08048000L, new int[] {0, 0, 0, 64, 72}),
        // 0xbffff000 >> 30 = 2; (>> 21) & 0x1ff = 0x5ff & 0x1ff = 0x1ff; (>> 12) & 0x1ff = 0x1ff.
        Arguments.of(Mode.IA32_PAE, 0xbffff000L, new int[] {2, 0, 0, 511, 511}),
        Arguments.of(Mode.IA32_PAE, 0xc0000000L, new int[] {3, 0, 0, 0, 0}),
        // x86-64 4-level: 9/9/9/9/12; the top user byte has every index at its maximum.
        Arguments.of(Mode.X86_64_4LEVEL, 0x00007fffffffffffL, new int[] {255, 0, 511, 511, 511}),
        // The first PIE page: 0x555555554000 = 0b0_10101010_101010101_010101010_101010100 << 12.
        Arguments.of(Mode.X86_64_4LEVEL, 0x0000555555554000L, new int[] {170, 0, 341, 170, 340}),
        // The non-PIE text base 0x400000: pmd index 2.
        Arguments.of(Mode.X86_64_4LEVEL, 0x400000L, new int[] {0, 0, 0, 2, 0}),
        // mmap_base without ASLR: 0x7ffff7fff000.
        Arguments.of(Mode.X86_64_4LEVEL, 0x00007ffff7fff000L, new int[] {255, 0, 511, 447, 511}),
        // LA57: 9/9/9/9/9/12; 47-bit addresses all sit in pgd entry 0.
        Arguments.of(Mode.X86_64_5LEVEL, 0x00007fffffffffffL, new int[] {0, 255, 511, 511, 511}),
        Arguments.of(Mode.X86_64_5LEVEL, 0x0000555555554000L, new int[] {0, 170, 341, 170, 340}),
        // 0x00ff000000000000 >> 48 = 0xff; everything below is 0.
        Arguments.of(Mode.X86_64_5LEVEL, 0x00ff000000000000L, new int[] {255, 0, 0, 0, 0}),
        // TASK_SIZE_MAX of LA57, the page above the last user page.
        Arguments.of(Mode.X86_64_5LEVEL, 0x00fffffffffff000L, new int[] {255, 511, 511, 511, 511}));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("samples")
  void indexAtEachLevelMatchesTheHandComputedValue(Mode mode, long va, int[] expected) {
    Kernel k = TestKernels.kernel(mode);
    PagingGeometry g = k.arch().geometry();
    int[] actual = new int[5];
    for (PageLevel level : PageLevel.values()) {
      actual[level.ordinal()] = g.level(level).index(va);
    }
    assertArrayEquals(expected, actual, mode + " 0x" + Long.toHexString(va));

    // The page table's own walk uses the same indices at the depths that have tables.
    PageTable pt = k.newMm(k.arch().nativeAbi()).pageTable();
    for (int d = 0; d < pt.depth(); d++) {
      assertEquals(expected[pt.level(d).ordinal()], pt.index(d, va), mode + " depth " + d + " (" + pt.level(d) + ")");
    }
  }

  /** Which levels are folded on each mode. */
  static Stream<Arguments> folding() {
    return Stream.of(
        Arguments.of(Mode.IA32_2LEVEL, List.of(PageLevel.P4D, PageLevel.PUD, PageLevel.PMD)),
        Arguments.of(Mode.IA32_PAE, List.of(PageLevel.P4D, PageLevel.PUD)),
        Arguments.of(Mode.X86_64_4LEVEL, List.of(PageLevel.P4D)),
        Arguments.of(Mode.X86_64_5LEVEL, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("folding")
  void foldedLevelsHaveOneEntryAndNoTableOfTheirOwn(Mode mode, List<PageLevel> folded) {
    Kernel k = TestKernels.kernel(mode);
    PagingGeometry g = k.arch().geometry();
    List<PageLevel> actuallyFolded = new ArrayList<>();
    for (LevelGeometry l : g.levels()) {
      if (l.folded()) {
        actuallyFolded.add(l.level());
        assertEquals(1, l.entries(), l.level() + " entries");
        for (long va : new long[] {0, 0x08048000L, 0xbffff000L, 0x00007ffffffff000L, -1L}) {
          assertEquals(0, l.index(va), l.level() + " index of 0x" + Long.toHexString(va));
        }
      }
    }
    assertEquals(folded, actuallyFolded);
    PageTable pt = k.newMm(k.arch().nativeAbi()).pageTable();
    assertEquals(5 - folded.size(), pt.depth(), "tables walked");
    for (int d = 0; d < pt.depth(); d++) {
      assertTrue(!folded.contains(pt.level(d)), "depth " + d + " is a folded level");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void walkAllocatesOneTablePerUnfoldedLevelBelowTheRoot(Mode mode) {
    Kernel k = TestKernels.of(mode).pti(false).build();
    PageTable pt = new PageTable(k.tables(), k.arch().geometry(), k.arch().taskSizeMax(), 0, 0);
    long before = k.memory().freeFrames();
    int pos = pt.populate(0x08048000L, pt.pteDepth());
    assertTrue(pos >= 0);
    // 2-level: pte; PAE: pmd + pte; 4-level: pud + pmd + pte; 5-level: p4d + pud + pmd + pte.
    assertEquals(pt.depth() - 1, before - k.memory().freeFrames(), "table pages taken from memory");
    assertEquals(pos, pt.lookup(0x08048000L), "lookup finds the populated entry");
    assertEquals(pos + 1, pt.lookup(0x08049000L), "the next page's entry follows in the same table");
  }
}
