package io.vmlab.kernel.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.SegmentRegister;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Linux's flat segments: every 32-bit offset, through any register Linux loads, is its own linear address. */
class FlatSegmentsTest {
  private static final SegmentRegister[] REGS = {SegmentRegister.CS, SegmentRegister.DS, SegmentRegister.ES,
      SegmentRegister.SS};

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {3, 99, 20240501})
  void linearEqualsOffsetOnI386AndCompat(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    SegmentContext[] processes = {Processes.i386(), Processes.start(Processes.ia32("pae"), "i386"), Processes.compat()};
    for (int i = 0; i < 30_000; i++) {
      SegmentContext c = processes[rnd.nextInt(processes.length)];
      int size = 1 << rnd.nextInt(4);
      long offset = rnd.nextLong(0x1_0000_0000L - size + 1);
      SegmentRegister r = REGS[rnd.nextInt(REGS.length)];
      Access a = r == SegmentRegister.CS ? (rnd.nextBoolean() ? Access.EXEC : Access.READ)
          : rnd.nextBoolean() ? Access.READ : Access.WRITE;
      String msg = "seed " + seed + ": " + c.mode() + " " + r.linuxName() + ":0x" + Long.toHexString(offset) + " "
          + a + " " + size;
      assertEquals(0, SegmentationUnit.checkAccess(c, r, offset, size, a, null), msg);
      assertEquals(offset, SegmentationUnit.linear(c, r, offset), msg);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {5, 77})
  void kernelSegmentsAreFlatToo(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    SegmentContext c = Processes.i386();
    c.enterKernel();
    for (int i = 0; i < 10_000; i++) {
      long offset = rnd.nextLong(0x1_0000_0000L - 4);
      SegmentRegister r = new SegmentRegister[] {SegmentRegister.DS, SegmentRegister.SS, SegmentRegister.FS}[rnd.nextInt(3)];
      assertEquals(0, SegmentationUnit.checkAccess(c, r, offset, 4, Access.WRITE, null), "seed " + seed);
      assertEquals(offset, SegmentationUnit.linear(c, r, offset), "seed " + seed);
    }
  }
}
