package io.vmlab.kernel.mm;

import static io.vmlab.kernel.TestProcess.ANON;
import static io.vmlab.kernel.TestProcess.FIXED;
import static io.vmlab.kernel.TestProcess.PAGE;
import static io.vmlab.kernel.TestProcess.R;
import static io.vmlab.kernel.TestProcess.RW;
import static io.vmlab.kernel.TestProcess.describe;
import static io.vmlab.kernel.TestProcess.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.KernelVersion;
import io.vmlab.kernel.TestKernels;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Where mmap puts things (get_unmapped_area, 6.1): top-down first fit below mmap_base, hints,
 * MAP_FIXED and MAP_FIXED_NOREPLACE, mmap_min_addr, the stack guard gap, the fallback to
 * bottom-up, LA57's 47-bit window, MAP_32BIT, compat tasks and 6.18's THP alignment. The
 * machines run without address-space randomization.
 */
class PlacementTest {
  private static final long MIB = 1L << 20;

  /** The lowest VMA of the minimal process: [vvar], placed top-down right below mmap_base. */
  private static long floor(TestProcess p) {
    for (Vma v : p.vmas()) {
      if ("[vvar]".equals(v.specialName())) {
        return v.start();
      }
    }
    throw new AssertionError("no [vvar]");
  }

  /** The end of [vdso], the highest special mapping. */
  private static long vdsoEnd(TestProcess p) {
    for (Vma v : p.vmas()) {
      if ("[vdso]".equals(v.specialName())) {
        return v.end();
      }
    }
    throw new AssertionError("no [vdso]");
  }

  @ParameterizedTest(name = "{0}: mmap_base 0x{1}")
  @CsvSource({
    "IA32_2LEVEL, b8000000",
    "IA32_PAE, b8000000",
    "X86_64_4LEVEL, 7ffff7fff000",
    "X86_64_5LEVEL, 7ffff7fff000"
  })
  void vdsoSitsRightBelowMmapBase(Mode mode, String base) {
    TestProcess p = TestProcess.on(mode);
    assertEquals(Long.parseUnsignedLong(base, 16), p.task.mm().mmapBase());
    assertEquals(p.task.mm().mmapBase(), vdsoEnd(p), p.maps());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void topDownTakesTheHighestGapThatFitsAndItsTop(Mode mode) {
    TestProcess p = TestProcess.on(mode);
    long top = floor(p);
    long a1 = p.mmap(0, 4 * PAGE, R, ANON);
    long a2 = p.mmap(0, 4 * PAGE, RW, ANON);
    long a3 = p.mmap(0, 4 * PAGE, R, ANON);
    assertEquals(List.of(top - 4 * PAGE, top - 8 * PAGE, top - 12 * PAGE), List.of(a1, a2, a3), p.maps());
    assertEquals(0, p.munmap(a2, 4 * PAGE));
    assertEquals(a2 + 2 * PAGE, p.mmap(0, 2 * PAGE, RW, ANON), "the top of the hole");
    assertEquals(a3 - 4 * PAGE, p.mmap(0, 4 * PAGE, RW, ANON), "too big for what is left of the hole");
    assertEquals(a2, p.mmap(0, 2 * PAGE, R, ANON), "the rest of the hole");
    p.task.mm().vmas().verify();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void hintIsHonouredWhenFreeAndIgnoredWhenNot(Mode mode) {
    TestProcess p = TestProcess.on(mode);
    long top = floor(p);
    long h = 0x20000000L;
    assertEquals(h, p.mmap(h, 2 * PAGE, RW, ANON));
    assertEquals(top - 2 * PAGE, p.mmap(h, 2 * PAGE, RW, ANON), "taken: top-down instead");
    assertEquals(top - 4 * PAGE, p.mmap(h - PAGE, 2 * PAGE, R, ANON), "overlapping the end: ignored");
    assertEquals(h + 0x10000, p.mmap(h + 0x10123, PAGE, R, ANON), "an unaligned hint is rounded down");
    assertEquals(0x10000, p.mmap(0x1000, PAGE, R, ANON), "a hint below mmap_min_addr moves up to it");
    long taskSize = p.task.mm().taskSize();
    long beyond = p.mmap(taskSize, PAGE, R, ANON);
    if (mode == Mode.X86_64_5LEVEL) {
      // Invalid, but above the 47-bit window: the search runs in the high part (LA57).
      assertTrue(Long.compareUnsigned(beyond, 1L << 47) > 0, describe(beyond));
    } else {
      assertEquals(top - 5 * PAGE, beyond, "a hint at TASK_SIZE is ignored");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void mapFixedReplacesWhatWasThereAndSplitsItsNeighbours(Mode mode) {
    TestProcess p = TestProcess.on(mode);
    long f = 0x30000000L;
    assertEquals(f, p.fixed(f, 3, RW));
    p.write(f, 3 * PAGE, 0x77);
    assertEquals(f + PAGE, p.mmap(f + PAGE, PAGE, R, FIXED));
    assertEquals(List.of(range(f, f + PAGE, "rw-p"), range(f + PAGE, f + 2 * PAGE, "r--p"),
        range(f + 2 * PAGE, f + 3 * PAGE, "rw-p")), p.ranges(f, f + 3 * PAGE));
    assertEquals(0, p.read(f + PAGE), "a fresh page replaced the written one");
    assertEquals(0x77, p.read(f));
    assertEquals(0x77, p.read(f + 2 * PAGE));
    // Over two VMAs: the new mapping then merges with the rest of the third (case 3).
    assertEquals(f, p.mmap(f, 2 * PAGE, RW, FIXED));
    assertEquals(List.of(range(f, f + 3 * PAGE, "rw-p")), p.ranges(f, f + 3 * PAGE));
    assertEquals(0, p.read(f));
    assertEquals(0x77, p.read(f + 2 * PAGE));
    assertEquals(Errno.EINVAL.neg(), p.mmap(f + 1, PAGE, R, FIXED), "unaligned MAP_FIXED");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void mapFixedNoreplaceRefusesToReplace(Mode mode) {
    TestProcess p = TestProcess.on(mode);
    int noreplace = ANON | Mman.MAP_FIXED_NOREPLACE;
    long f = 0x30000000L;
    assertEquals(f, p.mmap(f, 2 * PAGE, RW, noreplace));
    assertEquals(Errno.EEXIST.neg(), p.mmap(f, PAGE, RW, noreplace));
    assertEquals(Errno.EEXIST.neg(), p.mmap(f - PAGE, 2 * PAGE, RW, noreplace), "overlapping the start");
    assertEquals(Errno.EEXIST.neg(), p.mmap(f + PAGE, 4 * PAGE, RW, noreplace), "overlapping the end");
    assertEquals(List.of(range(f, f + 2 * PAGE, "rw-p")), p.ranges(f - PAGE, f + 8 * PAGE));
    assertEquals(f + 2 * PAGE, p.mmap(f + 2 * PAGE, PAGE, R, noreplace), "adjacent is fine");
    assertEquals(Errno.EINVAL.neg(), p.mmap(f + 0x800, PAGE, R, noreplace));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void mmapMinAddrStopsUnprivilegedFixedMappings(Mode mode) {
    TestProcess p = TestProcess.on(mode);
    p.task.setPrivileged(false);
    assertEquals(Errno.EPERM.neg(), p.mmap(0x1000, PAGE, R, FIXED), "below 64 KiB needs CAP_SYS_RAWIO");
    assertEquals(Errno.EPERM.neg(), p.mmap(0xf000, PAGE, R, FIXED));
    assertEquals(0x10000, p.mmap(0x1000, PAGE, R, ANON), "a hint is moved up to mmap_min_addr instead");
    assertEquals(0x11000, p.mmap(0x11000, PAGE, R, FIXED));
    p.task.setPrivileged(true);
    assertEquals(0x1000, p.mmap(0x1000, PAGE, R, FIXED), "root may map there");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void nothingIsPlacedWithinTheGuardGapBelowAStack(Mode mode) {
    TestProcess p = TestProcess.on(mode);
    long top = floor(p);
    int growsdown = ANON | Mman.MAP_GROWSDOWN;
    long g = p.mmap(0, 4 * PAGE, RW, growsdown);
    assertEquals(top - 4 * PAGE, g);
    assertEquals(g - MIB - PAGE, p.mmap(0, PAGE, R, ANON), "top-down stops 1 MiB below the stack");
    long g2 = 0x40000000L;
    assertEquals(g2, p.mmap(g2, 4 * PAGE, RW, growsdown | Mman.MAP_FIXED));
    assertNotEquals(g2 - PAGE, p.mmap(g2 - PAGE, PAGE, R, ANON), "a hint inside the gap is ignored");
    assertNotEquals(g2 - MIB, p.mmap(g2 - MIB, PAGE, R, ANON), "a hint ending inside the gap too");
    assertEquals(g2 - MIB - PAGE, p.mmap(g2 - MIB - PAGE, PAGE, R, ANON), "a hint ending at the gap is fine");
    assertEquals(g2 - 2 * PAGE, p.mmap(g2 - 2 * PAGE, PAGE, R, FIXED), "MAP_FIXED is not checked");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void topDownFallsBackToBottomUpWhenNothingFitsBelowMmapBase(Mode mode) {
    TestProcess p = TestProcess.on(mode);
    long min = 0x10000;
    long top = floor(p);
    // Fill everything below the vDSO (PROT_NONE and NORESERVE: no commit charge).
    assertEquals(min, p.mmap(min, top - min, Mman.PROT_NONE, FIXED | Mman.MAP_NORESERVE));
    long base = p.task.mm().mmapBase();
    assertEquals(base, p.mmap(0, MIB, RW, ANON), "bottom-up from the legacy base finds the gap above mmap_base");
    assertEquals(base + MIB, p.mmap(0, MIB, RW, ANON));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void noRoomAnywhereIsEnomem(Mode mode) {
    TestProcess p = TestProcess.on(mode);
    long taskSize = p.task.mm().taskSize();
    assertEquals(Errno.ENOMEM.neg(), p.mmap(0, taskSize, R, ANON));
    assertEquals(Errno.ENOMEM.neg(), p.mmap(taskSize - PAGE, 2 * PAGE, R, FIXED), "MAP_FIXED beyond TASK_SIZE");
  }

  @Test
  void legacyLayoutPlacesBottomUpFromTaskUnmappedBase() {
    TestProcess p = TestProcess.on(TestKernels.of(Mode.IA32_2LEVEL).legacyLayout(true).build());
    assertEquals(0x40000000L, p.task.mm().mmapBase());
    long vdsoEnd = vdsoEnd(p);
    assertEquals(0x40000000L, floor(p), "the vDSO is the first thing bottom-up");
    long a = p.mmap(0, 2 * PAGE, RW, ANON);
    assertEquals(vdsoEnd, a);
    assertEquals(a + 2 * PAGE, p.mmap(0, PAGE, R, ANON));
  }

  @Test
  void la57WithoutAHintStaysBelow47Bits() {
    TestProcess p = TestProcess.on(Mode.X86_64_5LEVEL);
    long a = p.mmap(0, 8 * MIB, RW, ANON);
    assertTrue(Long.compareUnsigned(a, 1L << 47) < 0, describe(a));
    assertEquals(floor(p) - 8 * MIB, a);
  }

  @Test
  void la57HintAbove47BitsGetsAnAddressAbove47Bits() {
    TestProcess p = TestProcess.on(Mode.X86_64_5LEVEL);
    long hint = 1L << 48;
    assertEquals(hint, p.mmap(hint, PAGE, RW, ANON));
    long again = p.mmap(hint, PAGE, R, ANON);
    // Taken: top-down below mmap_base + (TASK_SIZE_MAX - DEFAULT_MAP_WINDOW).
    long high = 0x7ffff7fff000L + (0x00fffffffffff000L - 0x7ffffffff000L);
    assertEquals(high - PAGE, again, describe(again));
    assertTrue(Long.compareUnsigned(again, 1L << 47) > 0);
    // A hint whose range straddles the 47-bit boundary is not valid.
    long straddle = p.mmap((1L << 47) - PAGE, 2 * PAGE, R, ANON);
    assertTrue(Long.compareUnsigned(straddle, 1L << 47) < 0, describe(straddle));
    assertEquals(0x00fffffffe000000L, p.mmap(0x00fffffffe000000L, PAGE, R, FIXED), "MAP_FIXED up to TASK_SIZE");
  }

  @Test
  void fourLevelIgnoresAHintAbove47Bits() {
    TestProcess p = TestProcess.on(Mode.X86_64_4LEVEL);
    long a = p.mmap(1L << 48, PAGE, RW, ANON);
    assertEquals(floor(p), a + PAGE);
    assertEquals(Errno.ENOMEM.neg(), p.mmap(1L << 48, PAGE, RW, FIXED));
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"X86_64_4LEVEL", "X86_64_5LEVEL"})
  void map32BitSearchesBottomUpBetweenOneAndTwoGigabytes(Mode mode) {
    TestProcess p = TestProcess.on(mode);
    int map32 = ANON | Mman.MAP_32BIT;
    assertEquals(0x40000000L, p.mmap(0, PAGE, RW, map32));
    assertEquals(0x40001000L, p.mmap(0, PAGE, R, map32));
    assertEquals(0x40000000L, p.fixed(0x40000000L, (0x40000000L / PAGE), Mman.PROT_NONE));
    assertEquals(Errno.ENOMEM.neg(), p.mmap(0, PAGE, RW, map32), "the 1 GiB window is full");
  }

  @Test
  void compatTaskOn64BitKernelStaysBelowFfffe000() {
    TestProcess p = TestProcess.on(TestKernels.kernel(Mode.X86_64_4LEVEL), "i386");
    assertEquals(0xffffe000L, p.task.mm().taskSize());
    assertEquals(0xf7ffe000L, p.task.mm().mmapBase());
    for (Vma v : p.vmas()) {
      assertTrue(v.end() <= 0xffffe000L, v.toString());
    }
    long a = p.mmap(0, 16 * MIB, RW, ANON);
    assertEquals(floor(p) - 16 * MIB, a);
    assertTrue(a < 0xffffe000L);
    assertEquals(floor(p) - 16 * MIB - PAGE, p.mmap(0, PAGE, RW, ANON | Mman.MAP_32BIT), "MAP_32BIT means nothing");
    assertEquals(Errno.ENOMEM.neg(), p.mmap(0xffffe000L, PAGE, RW, FIXED));
    assertEquals(0xffffd000L, p.mmap(0xffffd000L, PAGE, RW, FIXED));
    long big = p.mmap(0, 0xc0000000L, Mman.PROT_NONE, ANON | Mman.MAP_NORESERVE);
    assertTrue(big > 0 && big + 0xc0000000L <= 0xffffe000L, describe(big));
    assertEquals(Errno.ENOMEM.neg(), p.mmap(0, 0x100000000L, Mman.PROT_NONE, ANON | Mman.MAP_NORESERVE));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"6.1, false", "6.18, true"})
  void anonymousMappingOfAPmdMultipleIsThpAlignedOnlyOn618(String version, boolean aligned) {
    TestProcess p = TestProcess.on(TestKernels.of(Mode.X86_64_4LEVEL).version(KernelVersion.parse(version)).build());
    long top = floor(p);
    assertNotEquals(0, top & (2 * MIB - 1), "the natural top-down address is not 2 MiB aligned");
    long a = p.mmap(0, 2 * MIB, RW, ANON);
    if (aligned) {
      assertEquals(0, a & (2 * MIB - 1), describe(a));
      assertEquals((top - 2 * MIB) & ~(2 * MIB - 1), a);
      long b = p.mmap(0, 4 * MIB, RW, ANON);
      assertEquals(0, b & (2 * MIB - 1), describe(b));
    } else {
      assertEquals(top - 2 * MIB, a);
    }
    long c = p.mmap(0, 3 * MIB, RW, ANON);
    assertNotEquals(0, c & (2 * MIB - 1), "3 MiB is not a multiple of the PMD size: " + describe(c));
    long d = p.mmap(0x70000123000L, 2 * MIB, RW, ANON);
    assertEquals(0x70000123000L, d, "a hint is taken as is");
  }

  @Test
  void compatTaskGetsNoThpAlignmentOn618() {
    TestProcess p = TestProcess.on(TestKernels.of(Mode.X86_64_4LEVEL).version(KernelVersion.V6_18).build(), "i386");
    long a = p.mmap(0, 2 * MIB, RW, ANON);
    assertEquals(floor(p) - 2 * MIB, a);
  }

  /**
   * 6.7+: a disk file's f_op->get_unmapped_area is thp_get_unmapped_area(): when a whole 2 MiB of
   * the file range fits, the address agrees with the offset modulo 2 MiB (as the real 6.18 kernel
   * placed a 10 MiB static PIE and a 4 MiB ext4 mapping); shmem files, short ranges, 6.1 and
   * compat tasks keep the plain top-down address.
   */
  @ParameterizedTest(name = "{0} {1} shmem={2} offset={3} len={4}")
  @CsvSource({
    "6.18, x86_64, false, 0, 4, true",
    "6.18, x86_64, false, 0x100000, 4, true",
    "6.18, x86_64, false, 0, 1, false",
    "6.18, x86_64, true, 0, 4, false",
    "6.18, i386, false, 0, 4, false",
    "6.1, x86_64, false, 0, 4, false"
  })
  void diskFileMappingsAreThpAlignedFrom67(String version, String abi, boolean shmem, String offset, int mib,
      boolean aligned) {
    TestProcess p = TestProcess.on(TestKernels.of(Mode.X86_64_4LEVEL).version(KernelVersion.parse(version)).build(), abi);
    long off = Long.decode(offset);
    io.vmlab.kernel.fs.Inode inode = p.kernel.createCachedFile("/data/f", shmem ? 0 : 0xfe, shmem ? 2 : 0, 12, 8 * MIB, 0x61, shmem);
    io.vmlab.kernel.fs.OpenFile f = new io.vmlab.kernel.fs.OpenFile(inode, true, false);
    long top = floor(p);
    long len = mib * MIB;
    long a = p.mmap(0, len, R, Mman.MAP_PRIVATE, f, off);
    assertTrue(a > 0 && a + len <= top, describe(a));
    if (aligned) {
      assertEquals(off & (2 * MIB - 1), a & (2 * MIB - 1), describe(a));
      assertEquals(((top - len - off) & ~(2 * MIB - 1)) + off, a, "the highest such address below the natural one");
    } else {
      assertEquals(top - len, a, describe(a));
    }
  }
}
