package io.vmlab.kernel.exec;

import static io.vmlab.kernel.exec.ExecMachine.RW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.KernelVersion;
import io.vmlab.kernel.Task;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PF_RANDOMIZE and kernel.randomize_va_space as exec applies them: 2 randomizes everything, 1
 * everything but brk, 0 (or ADDR_NO_RANDOMIZE) nothing; each seeded run is reproducible.
 */
class ExecRandomizationTest {
  private static final long WINDOW = 0x7ffffffff000L;
  /** The static program's bss ends in the page before 0x40a000. */
  private static final long BSS_END = 0x40a000L;

  private static byte[] program() {
    return ExecMachine.withGnuStack(ExecMachine.staticExec(2, 0x5000), RW).build();
  }

  private static ExecMachine machine(boolean randomize, int rvs, KernelVersion v, long seed) {
    return new ExecMachine("x86_64", "4level", v, randomize, rvs, false, 8L << 20, seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void level_2_randomizes_stack_mmap_vdso_and_brk(long seed) {
    ExecMachine m = machine(true, 2, KernelVersion.V6_1, seed);
    Task t = m.task();
    ExecResult r = m.exec(t, "/bin/prog", program(), null, List.of("/bin/prog"), List.of(), seed);
    long brk = t.mm().startBrk();
    assertTrue(brk >= BSS_END + 4096 && brk < BSS_END + 4096 + (32L << 20) && (brk & 0xfff) == 0,
        "seed " + seed + ": brk 0x" + Long.toHexString(brk) + " one page past the bss plus < 32 MiB");
    long stackShift = WINDOW - r.stackEnd();
    assertTrue(stackShift >= 0 && stackShift <= (0x3fffffL + 1) << 12, "seed " + seed + ": stack within 16 GiB");
    long gap = (8L << 20) + (0x3fffffL << 12) + (1L << 20);
    long mmapBase = t.mm().mmapBase();
    assertTrue(mmapBase <= WINDOW - gap && mmapBase > WINDOW - gap - (1L << 40),
        "seed " + seed + ": mmap_base 0x" + Long.toHexString(mmapBase) + " below the stack gap by < 2^28 pages");
    long vvar = r.vdso() - 0x4000;
    assertTrue(vvar >= r.stackEnd() && vvar < r.stackEnd() + (2L << 20),
        "seed " + seed + ": 6.1 puts the vdso within 2 MiB above the stack");
    assertEquals(0, r.sp() & 15);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void level_1_leaves_brk_right_after_the_bss(long seed) {
    ExecMachine m = machine(true, 1, KernelVersion.V6_1, seed);
    Task t = m.task();
    ExecResult r = m.exec(t, "/bin/prog", program(), null, List.of("/bin/prog"), List.of(), seed);
    assertEquals(BSS_END, t.mm().startBrk(), "seed " + seed);
    assertNotEquals(WINDOW, r.stackEnd(), "seed " + seed + ": the stack still moves");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void level_0_and_addr_no_randomize_randomize_nothing(long seed) {
    ExecMachine fixed = machine(false, 2, KernelVersion.V6_1, seed);
    Task a = fixed.task();
    ExecResult ra = fixed.exec(a, "/bin/prog", program(), null, List.of("/bin/prog"), List.of(), seed);
    ExecMachine zero = machine(true, 0, KernelVersion.V6_1, seed);
    Task b = zero.task();
    ExecResult rb = zero.exec(b, "/bin/prog", program(), null, List.of("/bin/prog"), List.of(), seed);
    assertEquals(fixed.maps(a), zero.maps(b), "seed " + seed);
    assertEquals(ra.sp(), rb.sp());
    assertEquals(BSS_END, b.mm().startBrk());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void on_6_18_the_vdso_is_in_the_mmap_area_and_brk_has_1_gib(long seed) {
    ExecMachine m = machine(true, 2, KernelVersion.V6_18, seed);
    Task t = m.task();
    ExecResult r = m.exec(t, "/bin/prog", program(), null, List.of("/bin/prog"), List.of(), seed);
    assertTrue(r.vdso() < t.mm().mmapBase(), "seed " + seed);
    long brk = t.mm().startBrk();
    assertTrue(brk >= BSS_END + 4096 && brk < BSS_END + 4096 + (1L << 30), "seed " + seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {7, 8})
  void a_seed_reproduces_the_layout_and_the_at_random_bytes(long seed) {
    byte[][] stacks = new byte[2][];
    byte[] random = null;
    List<List<String>> maps = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ExecMachine m = machine(true, 2, KernelVersion.V6_1, seed);
      Task t = m.task();
      ExecResult r = m.exec(t, "/bin/prog", program(), null, List.of("/bin/prog"), List.of("A=1"), seed);
      stacks[i] = Exec.peekUser(t, r.sp(), r.stackEnd());
      random = Exec.peekUser(t, r.randomAt(), r.randomAt() + 16);
      maps.add(m.maps(t));
    }
    assertEquals(maps.get(0), maps.get(1), "seed " + seed);
    assertArrayEquals(stacks[0], stacks[1], "seed " + seed + ": the same bytes, AT_RANDOM's too");
    ExecMachine other = machine(true, 2, KernelVersion.V6_1, seed);
    Task u = other.task();
    ExecResult r = other.exec(u, "/bin/prog", program(), null, List.of("/bin/prog"), List.of("A=1"), seed + 1000);
    assertNotEquals(maps.get(0), other.maps(u), "seed " + seed + ": another seed, another layout");
    assertFalse(java.util.Arrays.equals(random, Exec.peekUser(u, r.randomAt(), r.randomAt() + 16)),
        "seed " + seed + ": other AT_RANDOM bytes");
  }

}
