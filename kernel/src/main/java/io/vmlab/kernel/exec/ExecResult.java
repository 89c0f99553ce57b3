package io.vmlab.kernel.exec;

import io.vmlab.kernel.exec.elf.ElfFile;
import java.util.List;

/**
 * What an exec built: where the CPU starts, the initial stack pointer and the auxiliary vector
 * (mm->saved_auxv, what /proc/PID/auxv shows), and the placement decisions behind them.
 *
 * @param elf the program
 * @param interp the interpreter, or null
 * @param entry the first instruction: the interpreter's entry, or the program's
 * @param loadBias what was added to the program's p_vaddr (0 for ET_EXEC)
 * @param interpBase AT_BASE: the interpreter's load address, or 0
 * @param vdso the start of [vdso] (AT_SYSINFO_EHDR), or 0
 * @param sp the stack pointer at the first instruction (argc is there)
 * @param stackStart the start of the [stack] VMA
 * @param stackEnd the end of the [stack] VMA (the top of the initial stack)
 * @param randomAt where the 16 AT_RANDOM bytes are
 * @param auxv the auxiliary vector in stack order, AT_NULL last
 * @param personality the task's personality after exec
 */
public record ExecResult(ElfFile elf, ElfFile interp, long entry, long loadBias, long interpBase, long vdso,
    long sp, long stackStart, long stackEnd, long randomAt, List<Auxv.Entry> auxv, int personality) {
  public ExecResult {
    auxv = List.copyOf(auxv);
  }

  /** The value of an auxv entry, or -1 if the vector has none of that type. */
  public long aux(int type) {
    for (Auxv.Entry e : auxv) {
      if (e.type() == type) {
        return e.value();
      }
    }
    return -1;
  }
}
