package io.vmlab.kernel.mm;

import static io.vmlab.kernel.TestProcess.PAGE;
import static io.vmlab.kernel.TestProcess.R;
import static io.vmlab.kernel.TestProcess.RW;
import static io.vmlab.kernel.TestProcess.RX;
import static io.vmlab.kernel.TestProcess.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vmlab.api.KernelVersion;
import io.vmlab.kernel.TestKernels;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The eight cases of 6.1's vma_merge() (mm/mmap.c), each reached through a system call, and the
 * splits mprotect does when no merge is possible. P is the VMA before the range, N the VMA
 * after it, M a VMA the range covers, X the VMA after M:
 *
 * <pre>
 *   hole between P and N:   1: PPPPPPPPPPPP   2: PPPPPPPPNNNN   3: PPPPNNNNNNNN
 *   range over part of one: 4: PPNNNNNNNNNN (tail of P)   5: PPPPPPPPPPNN (head of N)
 *   range over all of M:    6: PPPPPPPPPPPP   7: PPPPPPPPXXXX   8: PPPPXXXXXXXX
 * </pre>
 */
class VmaMergeTest {
  /** 4 GiB: nothing else lives near it in a minimal x86-64 process. */
  private static final long A = 0x100000000L;
  private static final int MAYMOVE_FIXED = Mman.MREMAP_MAYMOVE | Mman.MREMAP_FIXED;

  private TestProcess p;

  @BeforeEach
  void boot() {
    p = TestProcess.on(Mode.X86_64_4LEVEL);
  }

  private static long at(int page) {
    return A + page * PAGE;
  }

  private void assertRanges(List<String> expected) {
    assertEquals(expected, p.ranges(A, A + (1L << 30)), p.maps());
    p.task.mm().vmas().verify();
  }

  @Test
  void case1MmapIntoAHoleJoinsBothNeighbours() {
    p.fixed(at(0), 1, RW);
    p.fixed(at(2), 1, RW);
    assertRanges(List.of(range(at(0), at(1), "rw-p"), range(at(2), at(3), "rw-p")));
    assertEquals(at(1), p.fixed(at(1), 1, RW));
    assertRanges(List.of(range(at(0), at(3), "rw-p")));
  }

  @Test
  void case1MremapMoveIntoAHoleJoinsBothNeighbours() {
    p.fixed(at(0), 1, RW);
    p.fixed(at(2), 1, RW);
    p.fixed(at(16), 1, RW);
    assertEquals(at(1), p.mremap(at(16), PAGE, PAGE, MAYMOVE_FIXED, at(1)));
    assertRanges(List.of(range(at(0), at(3), "rw-p")));
    assertEquals(at(1) >>> 12, p.vma(at(1)).pgoff() + 1, "pgoff of the merged VMA is P's");
  }

  @Test
  void case2MmapAfterPrevExtendsIt() {
    p.fixed(at(0), 2, RW);
    Vma prev = p.vma(at(0));
    p.fixed(at(2), 1, RW);
    assertRanges(List.of(range(at(0), at(3), "rw-p")));
    assertSame(prev, p.vma(at(2)), "the same VMA grew");
  }

  @Test
  void case2MremapGrowsInPlace() {
    p.fixed(at(0), 2, RW);
    p.write(at(0), 2 * PAGE, 7);
    assertEquals(at(0), p.mremap(at(0), 2 * PAGE, 4 * PAGE, 0, 0));
    assertRanges(List.of(range(at(0), at(4), "rw-p")));
    assertEquals(7, p.read(at(1)));
    assertEquals(0, p.read(at(3)));
  }

  @Test
  void case2BrkGrowsTheHeapVma() {
    long start = p.task.mm().startBrk();
    assertEquals(start + PAGE, p.brk(start + PAGE));
    Vma heap = p.vma(start);
    assertEquals(start + 3 * PAGE, p.brk(start + 3 * PAGE));
    assertSame(heap, p.vma(start + 2 * PAGE));
    assertEquals(start + 3 * PAGE, heap.end());
    assertEquals(start + 2 * PAGE, p.brk(start + 2 * PAGE));
    assertEquals(start + 2 * PAGE, heap.end(), "shrinking keeps the same VMA");
  }

  @Test
  void case3MmapBeforeNextExtendsItDown() {
    p.fixed(at(2), 2, RW);
    Vma next = p.vma(at(2));
    p.fixed(at(1), 1, RW);
    assertRanges(List.of(range(at(1), at(4), "rw-p")));
    assertSame(next, p.vma(at(1)));
    assertEquals(at(1) >>> 12, next.pgoff());
  }

  @Test
  void case3MremapMoveBeforeNextExtendsItDown() {
    p.fixed(at(4), 1, RW);
    p.fixed(at(16), 1, RW);
    assertEquals(at(3), p.mremap(at(16), PAGE, PAGE, MAYMOVE_FIXED, at(3)));
    assertRanges(List.of(range(at(3), at(5), "rw-p")));
  }

  @Test
  void case4TailOfPrevJoinsNext() {
    p.fixed(at(0), 3, R);
    p.fixed(at(3), 3, RX);
    assertEquals(0, p.mprotect(at(2), PAGE, RX));
    assertRanges(List.of(range(at(0), at(2), "r--p"), range(at(2), at(6), "r-xp")));
    assertEquals(at(2) >>> 12, p.vma(at(2)).pgoff());
  }

  @Test
  void writableMemoryMadeReadOnlyKeepsItsCommitChargeAndDoesNotJoinANeverWritableNeighbourIn61() {
    p.fixed(at(0), 3, RW);
    p.fixed(at(3), 3, R);
    assertEquals(0, p.mprotect(at(2), PAGE, R));
    // VM_ACCOUNT stays on the tail of P (mprotect_fixup), N never had it: the flags differ.
    assertRanges(List.of(range(at(0), at(2), "rw-p"), range(at(2), at(3), "r--p"), range(at(3), at(6), "r--p")));
    assertEquals(VmFlags.ACCOUNT, p.vma(at(2)).flags() & VmFlags.ACCOUNT);
    assertEquals(0, p.vma(at(3)).flags() & VmFlags.ACCOUNT);
  }

  @Test
  void case5HeadOfNextJoinsPrev() {
    p.fixed(at(0), 3, RW);
    p.fixed(at(3), 3, R);
    assertEquals(0, p.mprotect(at(3), PAGE, RW));
    assertRanges(List.of(range(at(0), at(4), "rw-p"), range(at(4), at(6), "r--p")));
    assertEquals(at(4) >>> 12, p.vma(at(4)).pgoff());
  }

  @Test
  void case6WholeMiddleJoinsBothNeighbours() {
    p.fixed(at(0), 1, RW);
    p.fixed(at(1), 1, R);
    p.fixed(at(2), 1, RW);
    assertEquals(3, p.ranges(A, at(3)).size());
    assertEquals(0, p.mprotect(at(1), PAGE, RW));
    assertRanges(List.of(range(at(0), at(3), "rw-p")));
  }

  @Test
  void case7WholeMiddleJoinsPrevOnly() {
    p.fixed(at(0), 1, RW);
    p.fixed(at(1), 1, R);
    p.fixed(at(2), 1, RX);
    assertEquals(0, p.mprotect(at(1), PAGE, RW));
    assertRanges(List.of(range(at(0), at(2), "rw-p"), range(at(2), at(3), "r-xp")));
  }

  @Test
  void case8WholeMiddleJoinsNextOnly() {
    p.fixed(at(0), 1, RX);
    p.fixed(at(1), 1, R);
    p.fixed(at(2), 1, RW);
    assertEquals(0, p.mprotect(at(1), PAGE, RW));
    assertRanges(List.of(range(at(0), at(1), "r-xp"), range(at(1), at(3), "rw-p")));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void mprotectOfAMiddlePageSplitsInThreeAndBackMergesToOne(Mode mode) {
    p = TestProcess.on(mode);
    long a = 0x20000000L;
    assertEquals(a, p.fixed(a, 3, RW));
    p.write(a, 3 * PAGE, 0x41);
    assertEquals(0, p.mprotect(a + PAGE, PAGE, R));
    assertEquals(List.of(range(a, a + PAGE, "rw-p"), range(a + PAGE, a + 2 * PAGE, "r--p"),
        range(a + 2 * PAGE, a + 3 * PAGE, "rw-p")), p.ranges(a, a + 3 * PAGE));
    assertEquals((a >>> 12) + 1, p.vma(a + PAGE).pgoff(), "the middle piece keeps its file offset");
    assertEquals((a >>> 12) + 2, p.vma(a + 2 * PAGE).pgoff());
    assertSame(p.vma(a).anonVma(), p.vma(a + PAGE).anonVma(), "split pieces share the anon_vma");
    assertEquals(0, p.mprotect(a + PAGE, PAGE, RW));
    assertEquals(List.of(range(a, a + 3 * PAGE, "rw-p")), p.ranges(a, a + 3 * PAGE));
    assertEquals(0x41, p.read(a + 2 * PAGE), "the pages stayed where they were");
  }

  @Test
  void madviseFlagChangeSplitsAndTheReverseMerges() {
    p.fixed(at(0), 4, RW);
    assertEquals(0, p.madvise(at(1), 2 * PAGE, Mman.MADV_DONTFORK));
    assertEquals(3, p.ranges(A, at(4)).size());
    assertEquals(VmFlags.DONTCOPY, p.vma(at(1)).flags() & VmFlags.DONTCOPY);
    assertEquals(0, p.madvise(at(1), 2 * PAGE, Mman.MADV_DOFORK));
    assertRanges(List.of(range(at(0), at(4), "rw-p")));
  }

  @Test
  void differentProtectionsDoNotMerge() {
    p.fixed(at(0), 1, RW);
    p.fixed(at(1), 1, R);
    p.fixed(at(2), 1, RW);
    assertRanges(List.of(range(at(0), at(1), "rw-p"), range(at(1), at(2), "r--p"), range(at(2), at(3), "rw-p")));
  }

  @Test
  void sharedAnonymousMappingsNeverMerge() {
    int shared = Mman.MAP_SHARED | Mman.MAP_ANONYMOUS | Mman.MAP_FIXED;
    assertEquals(at(0), p.mmap(at(0), PAGE, RW, shared));
    assertEquals(at(1), p.mmap(at(1), PAGE, RW, shared));
    assertRanges(List.of(range(at(0), at(1), "rw-s"), range(at(1), at(2), "rw-s")));
  }

  @Test
  void specialMappingsNeverMerge() {
    Vma vdso = null;
    for (Vma v : p.vmas()) {
      if ("[vdso]".equals(v.specialName())) {
        vdso = v;
      }
    }
    long end = vdso.end();
    // A mapping right after the vDSO with the vDSO's protection stays separate (VM_SPECIAL).
    assertEquals(end, p.mmap(end, PAGE, RX, TestProcess.FIXED));
    assertEquals(end, vdso.end());
    assertNull(p.vma(end).specialName());
  }

  @Test
  void mprotectAcrossSeveralVmasMergesThemAll() {
    p.fixed(at(0), 1, R);
    p.fixed(at(1), 1, RX);
    p.fixed(at(2), 1, R);
    p.fixed(at(3), 1, RX);
    assertEquals(0, p.mprotect(at(0), 4 * PAGE, RW));
    assertRanges(List.of(range(at(0), at(4), "rw-p")));
  }

  @Test
  void untouchedWritableMemoryMadeReadOnlyGivesBackItsChargeAndJoinsIn618() {
    p = TestProcess.on(TestKernels.of(Mode.X86_64_4LEVEL).version(KernelVersion.V6_18).build());
    p.fixed(at(0), 3, RW);
    p.fixed(at(3), 3, R);
    assertEquals(0, p.mprotect(at(2), PAGE, R));
    assertRanges(List.of(range(at(0), at(2), "rw-p"), range(at(2), at(6), "r--p")));
    assertEquals(0, p.mprotect(at(2), PAGE, RW));
    assertRanges(List.of(range(at(0), at(3), "rw-p"), range(at(3), at(6), "r--p")));
  }
}
