package io.vmlab.kernel.mm;

import static io.vmlab.kernel.TestProcess.PAGE;
import static io.vmlab.kernel.TestProcess.R;
import static io.vmlab.kernel.TestProcess.RW;
import static io.vmlab.kernel.TestProcess.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vmlab.api.KernelVersion;
import io.vmlab.kernel.TestKernels;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The anon_vma side of merging: 6.1's is_mergeable_anon_vma() lets a VMA without an anon_vma
 * join one that has it only if the VMA that would absorb the other's pages has a singular
 * anon_vma_chain; an empty chain is not singular, and neither is a forked VMA's. 6.18 lets an
 * unfaulted VMA take an anon_vma over, but still refuses fork children (vma_is_fork_child).
 */
class AnonVmaMergeTest {
  private static final long A = 0x100000000L;

  private static long at(int page) {
    return A + page * PAGE;
  }

  /**
   * A private anonymous mapping without a commit charge (MAP_NORESERVE), so that mprotect
   * between writable and read-only changes no VM_ACCOUNT and only the anon_vma decides.
   */
  private static void noreserve(TestProcess p, int page, int pages, int prot) {
    assertEquals(at(page), p.mmap(at(page), pages * PAGE, prot, TestProcess.FIXED | Mman.MAP_NORESERVE));
  }

  /** The two kernel profiles. */
  enum Profile {
    V6_1(KernelVersion.V6_1),
    V6_18(KernelVersion.V6_18);

    final KernelVersion version;

    Profile(KernelVersion version) {
      this.version = version;
    }

    TestProcess process() {
      return TestProcess.on(TestKernels.of(Mode.X86_64_4LEVEL).version(version).build());
    }
  }

  @Test
  void faultedVmaTakesInANewNeighbour() {
    TestProcess p = Profile.V6_1.process();
    p.fixed(at(0), 2, RW);
    p.write(at(0), 2 * PAGE, 1);
    p.fixed(at(2), 1, RW);
    assertEquals(List.of(range(at(0), at(3), "rw-p")), p.ranges(A, at(8)));
  }

  @Test
  void unfaultedVmaDoesNotAbsorbPagesOfAnotherAnonVmaIn61() {
    TestProcess p = Profile.V6_1.process();
    noreserve(p, 0, 3, RW);
    noreserve(p, 3, 3, R);
    p.write(at(0), 3 * PAGE, 1);
    assertNull(p.vma(at(3)).anonVma());
    // Case 4 would move P's faulted tail into N, whose anon_vma_chain is empty: no merge.
    assertEquals(0, p.mprotect(at(2), PAGE, R));
    assertEquals(List.of(range(at(0), at(2), "rw-p"), range(at(2), at(3), "r--p"), range(at(3), at(6), "r--p")),
        p.ranges(A, at(8)));
    assertNotNull(p.vma(at(2)).anonVma());
  }

  @Test
  void unfaultedVmaTakesTheAnonVmaOverIn618() {
    TestProcess p = Profile.V6_18.process();
    noreserve(p, 0, 3, RW);
    noreserve(p, 3, 3, R);
    p.write(at(0), 3 * PAGE, 1);
    assertEquals(0, p.mprotect(at(2), PAGE, R));
    assertEquals(List.of(range(at(0), at(2), "rw-p"), range(at(2), at(6), "r--p")), p.ranges(A, at(8)));
    assertSame(p.vma(at(0)).anonVma(), p.vma(at(2)).anonVma());
    assertEquals(1, p.read(at(2)), "the page moved into N with its data");
  }

  @Test
  void unfaultedPrevDoesNotAbsorbTheHeadOfAFaultedNextIn61() {
    TestProcess p = Profile.V6_1.process();
    noreserve(p, 0, 3, R);
    noreserve(p, 3, 3, RW);
    p.write(at(3), 3 * PAGE, 1);
    assertEquals(0, p.mprotect(at(3), PAGE, R));
    assertEquals(List.of(range(at(0), at(3), "r--p"), range(at(3), at(4), "r--p"), range(at(4), at(6), "rw-p")),
        p.ranges(A, at(8)));
  }

  @Test
  void unfaultedPrevTakesTheHeadOfAFaultedNextIn618() {
    TestProcess p = Profile.V6_18.process();
    noreserve(p, 0, 3, R);
    noreserve(p, 3, 3, RW);
    p.write(at(3), 3 * PAGE, 1);
    assertEquals(0, p.mprotect(at(3), PAGE, R));
    assertEquals(List.of(range(at(0), at(4), "r--p"), range(at(4), at(6), "rw-p")), p.ranges(A, at(8)));
    assertEquals(1, p.read(at(3)));
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void forkedVmaDoesNotGiveItsPagesToAnUnfaultedNeighbour(Profile profile) {
    TestProcess parent = profile.process();
    noreserve(parent, 0, 3, RW);
    noreserve(parent, 3, 3, R);
    parent.write(at(0), 3 * PAGE, 1);
    TestProcess child = parent.fork();
    assertEquals(0, child.mprotect(at(2), PAGE, R));
    assertEquals(3, child.ranges(A, at(8)).size(), child.maps());
    assertEquals(1, child.read(at(2)));
  }

  @Test
  void twoDifferentAnonVmasNeverMerge() {
    TestProcess p = Profile.V6_1.process();
    p.fixed(at(0), 1, RW);
    p.fixed(at(2), 1, RW);
    p.write(at(0), PAGE, 1);
    p.write(at(2), PAGE, 2);
    assertNotSame(p.vma(at(0)).anonVma(), p.vma(at(2)).anonVma());
    // mmap_region: the new page joins N (whose chain is singular) but then P and N differ.
    assertEquals(at(1), p.fixed(at(1), 1, RW));
    assertEquals(List.of(range(at(0), at(1), "rw-p"), range(at(1), at(3), "rw-p")), p.ranges(A, at(8)));
  }

  @Test
  void faultNextToAFaultedNeighbourReusesItsAnonVmaSoTheyCanMergeLater() {
    TestProcess p = Profile.V6_1.process();
    p.fixed(at(0), 1, RW);
    p.fixed(at(1), 1, R);
    p.write(at(0), PAGE, 1);
    assertEquals(0, p.mprotect(at(1), PAGE, RW));
    assertEquals(List.of(range(at(0), at(2), "rw-p")), p.ranges(A, at(8)));
    p.fixed(at(2), 1, R);
    assertEquals(0, p.mprotect(at(2), PAGE, RW));
    assertEquals(List.of(range(at(0), at(3), "rw-p")), p.ranges(A, at(8)));
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void forkedVmasDoNotMergeWithNewNeighbours(Profile profile) {
    TestProcess parent = profile.process();
    parent.fixed(at(0), 2, RW);
    parent.write(at(0), 2 * PAGE, 1);
    TestProcess child = parent.fork();
    Vma inherited = child.vma(at(0));
    assertEquals(2, inherited.anonVmaChain.size(), "the parent's anon_vma and the child's own");

    assertEquals(at(2), child.fixed(at(2), 1, RW));
    assertEquals(List.of(range(at(0), at(2), "rw-p"), range(at(2), at(3), "rw-p")), child.ranges(A, at(8)));
    // The parent's VMA still has a singular chain: it merges.
    assertEquals(at(2), parent.fixed(at(2), 1, RW));
    assertEquals(List.of(range(at(0), at(3), "rw-p")), parent.ranges(A, at(8)));
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void forkedVmaSplitByMprotectMergesBackWithItself(Profile profile) {
    TestProcess parent = profile.process();
    parent.fixed(at(0), 3, RW);
    parent.write(at(0), 3 * PAGE, 1);
    TestProcess child = parent.fork();
    assertEquals(0, child.mprotect(at(1), PAGE, R));
    assertEquals(3, child.ranges(A, at(8)).size());
    assertEquals(0, child.mprotect(at(1), PAGE, RW));
    assertEquals(List.of(range(at(0), at(3), "rw-p")), child.ranges(A, at(8)), "same anon_vma on both sides");
  }
}
