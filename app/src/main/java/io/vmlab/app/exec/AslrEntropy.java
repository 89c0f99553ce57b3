package io.vmlab.app.exec;

import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.exec.BinaryFile;
import io.vmlab.kernel.exec.Exec;
import io.vmlab.kernel.exec.ExecRequest;
import io.vmlab.kernel.exec.ExecResult;
import io.vmlab.kernel.exec.elf.ElfFile;
import io.vmlab.kernel.fs.Inode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Measures ASLR: execs a dynamic PIE (with its ld.so) once per seed in one process and records
 * where exec put things: mmap_base, the stack top, the PIE's load base, the program break, the
 * interpreter (AT_BASE) and the vdso (the break as its distance from the end of the bss, so
 * that the PIE's own randomization does not count). For each, the distinct values and the entropy the range
 * implies, log2((max - min) / granule + 1), next to the bits Linux states for the process ABI
 * (arch_mmap_rnd, STACK_RND_MASK, arch_randomize_brk's range).
 */
public final class AslrEntropy {
  /**
   * One measured quantity.
   *
   * @param linuxBits the entropy Linux states for it, or -1 if it states none
   */
  public record Quantity(String name, long granule, int linuxBits, int distinct, long min, long max) {
    /** log2 of the number of granules the values span. */
    public double rangeBits() {
      double span = (double) Long.divideUnsigned(max - min, granule) + 1;
      return Math.log(span) / Math.log(2);
    }
  }

  /** A run: the machine, the process ABI, how many seeds, the quantities. */
  public record Result(String machine, String abi, String kernel, int randomizeVaSpace, int samples,
      List<Quantity> quantities) {}

  private AslrEntropy() {}

  /** The page after the program's highest p_vaddr + p_memsz: where brk starts without randomization. */
  private static long bssEnd(ExecResult r) {
    long end = 0;
    for (var p : r.elf().loads()) {
      end = Math.max(end, p.vaddr() + p.memsz());
    }
    return (r.loadBias() + end + 0xfff) & ~0xfffL;
  }

  /**
   * Execs the synthetic PIE of {@code abi} with seeds {@code firstSeed}, {@code firstSeed + 1}, ...
   * on {@code kernel}, whose machine must randomize (machine.randomize true).
   */
  public static Result measure(Kernel kernel, ProcessAbi abi, int samples, long firstSeed) {
    int elfClass = abi.wordBytes() == 8 ? ElfFile.ELFCLASS64 : ElfFile.ELFCLASS32;
    byte[] pie = SyntheticPrograms.pie(elfClass);
    byte[] ld = SyntheticPrograms.interpreter(elfClass);
    Inode pieFile = kernel.createCachedFile("/prog", 0, 2, 10, pie.length, 0, true);
    Inode ldFile = kernel.createCachedFile(SyntheticPrograms.INTERP, 0, 2, 11, ld.length, 0, true);
    BinaryFile prog = new BinaryFile(pieFile, pie, "synthetic PIE");
    BinaryFile interp = new BinaryFile(ldFile, ld, "synthetic ld.so");
    Task t = kernel.newTask("aslr", kernel.arch().nativeAbi());
    t.setPersonality(kernel.spec().randomize() ? 0 : Task.ADDR_NO_RANDOMIZE);
    String[] names = {"mmap_base", "stack top", "PIE base", "brk - end of bss", "ld.so (AT_BASE)", "vdso"};
    long[] granule = {4096, 4096, 4096, 4096, 4096, 4096};
    long[][] values = new long[names.length][samples];
    for (int i = 0; i < samples; i++) {
      ExecResult r = Exec.execve(t, new ExecRequest("/prog", List.of("/prog"), List.of(), prog,
          p -> p.equals(SyntheticPrograms.INTERP) ? interp : null, firstSeed + i));
      values[0][i] = t.mm().mmapBase();
      values[1][i] = r.stackEnd();
      values[2][i] = r.loadBias();
      values[3][i] = t.mm().startBrk() - bssEnd(r);
      values[4][i] = r.interpBase();
      values[5][i] = r.vdso();
    }
    // PF_RANDOMIZE needs the machine's switch and randomize_va_space >= 1; brk needs 2.
    int rvs = kernel.spec().kernel().randomizeVaSpace();
    boolean on = kernel.spec().randomize() && rvs > 0;
    int mmapBits = on ? abi.mmapRndBits() : 0;
    int stackBits = on ? 64 - Long.numberOfLeadingZeros(abi.stackRndMask()) : 0;
    int brkBits = on && rvs > 1 ? Long.numberOfTrailingZeros(abi.brkRandomRange(kernel.version()) >>> 12) : 0;
    int[] linux = {mmapBits, stackBits, mmapBits, brkBits, mmapBits, -1};
    List<Quantity> out = new ArrayList<>();
    for (int q = 0; q < names.length; q++) {
      Set<Long> distinct = new HashSet<>();
      long min = -1;
      long max = 0;
      for (long v : values[q]) {
        distinct.add(v);
        min = Long.compareUnsigned(v, min) < 0 ? v : min;
        max = Long.compareUnsigned(v, max) > 0 ? v : max;
      }
      out.add(new Quantity(names[q], granule[q], linux[q], distinct.size(), min, max));
    }
    return new Result(kernel.spec().name(), abi.name(), kernel.version().toString(),
        kernel.spec().kernel().randomizeVaSpace(), samples, out);
  }
}
