package io.vmlab.kernel.exec;

import static io.vmlab.kernel.exec.ExecMachine.RW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.KernelVersion;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.check.Invariants;
import io.vmlab.kernel.mm.MmStruct;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random argv/envp on random machines: the initial stack read back from simulated memory
 * is what a program's _start expects (argc at a 16-byte aligned sp, NULL-terminated argv and
 * envp pointing at the strings, an auxv ending in AT_NULL whose AT_EXECFN, AT_PLATFORM and
 * AT_RANDOM point where create_elf_tables() put them), and the [stack] VMA is the argument pages
 * plus 128 KiB.
 */
class InitialStackPropertyTest {
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112})
  void the_stack_holds_what_start_expects(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    String[][] machines = {{"x86_64", "4level"}, {"x86_64", "5level"}, {"ia32", "2level"}, {"ia32", "pae"}};
    String[] mc = machines[rnd.nextInt(machines.length)];
    boolean randomize = rnd.nextBoolean();
    KernelVersion v = rnd.nextBoolean() ? KernelVersion.V6_1 : KernelVersion.V6_18;
    ExecMachine m = new ExecMachine(mc[0], mc[1], v, randomize, 2, false, 8L << 20, seed);
    int elfClass = mc[0].equals("x86_64") && rnd.nextBoolean() ? 2 : 1;
    List<String> argv = strings(rnd, rnd.nextInt(60));
    List<String> env = strings(rnd, rnd.nextInt(60));
    String filename = "/usr/bin/" + word(rnd, 1 + rnd.nextInt(40));
    Task t = m.task();
    ExecResult r = m.exec(t, filename, ExecMachine.withGnuStack(ExecMachine.staticExec(elfClass, 0x100), RW).build(),
        null, argv, env, seed);
    String ctx = "seed " + seed + " " + mc[0] + "/" + mc[1] + " " + v + " ELFCLASS" + elfClass + " randomize " + randomize;
    int word = t.abi().wordBytes();
    long sp = r.sp();
    assertEquals(0, sp & 15, ctx);
    List<String> wantArgv = argv.isEmpty() ? List.of("") : argv;
    assertEquals(wantArgv.size(), read(t, sp, word), ctx);
    long at = sp + word;
    MmStruct mm = t.mm();
    assertEquals(mm.argStart(), read(t, at, word), ctx);
    for (String a : wantArgv) {
      assertEquals(a, string(t, read(t, at, word)), ctx);
      at += word;
    }
    assertEquals(0, read(t, at, word), ctx + ": argv ends with NULL");
    at += word;
    for (String e : env) {
      assertEquals(e, string(t, read(t, at, word)), ctx);
      at += word;
    }
    assertEquals(0, read(t, at, word), ctx + ": envp ends with NULL");
    at += word;
    int n = 0;
    while (read(t, at, word) != Auxv.AT_NULL) {
      assertEquals(r.auxv().get(n).type(), read(t, at, word), ctx);
      assertEquals(r.auxv().get(n).value(), read(t, at + word, word) & mask(word), ctx);
      at += 2L * word;
      n++;
    }
    assertEquals(r.auxv().size() - 1, n, ctx + ": the stack's vector is mm->saved_auxv");
    long execfn = r.aux(Auxv.AT_EXECFN);
    assertEquals(filename, string(t, execfn), ctx);
    assertEquals(r.stackEnd() - m.kernel.arch().kernelPointerBytes(), execfn + filename.length() + 1, ctx);
    assertEquals(mm.envEnd(), execfn, ctx);
    assertEquals(t.abi().platform(), string(t, r.aux(Auxv.AT_PLATFORM)), ctx);
    assertEquals(r.aux(Auxv.AT_RANDOM) + 16, r.aux(Auxv.AT_PLATFORM), ctx);
    assertEquals((mm.argStart() & ~0xfffL) - (128L << 10), r.stackStart(), ctx);
    assertEquals((r.stackEnd() - r.stackStart()) >> 10, m.proc.status(t).get("VmStk"), ctx);
    assertTrue(new Invariants(m.kernel).check().isEmpty(), ctx);
  }

  private static long mask(int word) {
    return word == 8 ? -1L : 0xffffffffL;
  }

  private static long read(Task t, long addr, int word) {
    byte[] b = Exec.peekUser(t, addr, addr + word);
    long v = 0;
    for (int i = word - 1; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }

  private static String string(Task t, long addr) {
    StringBuilder sb = new StringBuilder();
    for (long a = addr; ; a++) {
      int c = Exec.peekUser(t, a, a + 1)[0] & 0xff;
      if (c == 0) {
        return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      }
      sb.append((char) c);
    }
  }

  private static List<String> strings(SplittableRandom rnd, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(word(rnd, rnd.nextInt(rnd.nextInt(10) == 0 ? 3000 : 40)));
    }
    return out;
  }

  private static String word(SplittableRandom rnd, int len) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      sb.append((char) (0x21 + rnd.nextInt(94)));
    }
    return sb.toString();
  }
}
