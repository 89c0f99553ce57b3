package io.vmlab.kernel.exec;

import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.api.arch.VdsoImage;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.exec.elf.ElfFile;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.mm.MmStruct;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * create_elf_tables() of fs/binfmt_elf.c (6.1; 6.3+ adds the rseq entries): below the argument
 * strings, the AT_PLATFORM string and the 16 AT_RANDOM bytes, then, 16-byte aligned, argc,
 * argv[], envp[] and the auxiliary vector, in the words of the process (4 bytes for IA-32).
 */
final class ElfTables {
  /** offsetof(struct rseq, end) and __alignof__(struct rseq) (6.3+). */
  private static final long RSEQ_FEATURE_SIZE = 0x1c;
  private static final long RSEQ_ALIGN = 0x20;

  /** What the tables hold and where. */
  record Built(long sp, List<Auxv.Entry> auxv, long randomAt, long platformAt) {}

  /** The facts of the loaded image the vector reports. */
  record Image(ElfFile elf, long phdrAddr, long interpBase, long entry, long vdso, VdsoImage vdsoImage) {}

  private ElfTables() {}

  /** Builds the tables below {@code b.p}; sets bprm->p to the final stack pointer and the mm's arg/env bounds. */
  static Built create(Task t, Binprm b, UserAccess ua, Image img, long jitter, byte[] random) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    ProcessAbi abi = t.abi();
    int word = abi.wordBytes();
    long argStart = b.p;
    long p = (b.p - jitter) & ~0xfL;
    byte[] platform = (abi.platform() + "\0").getBytes(StandardCharsets.US_ASCII);
    p -= platform.length;
    long uPlatform = p;
    write(ua, p, platform);
    p -= random.length;
    long uRandom = p;
    write(ua, p, random);

    List<Auxv.Entry> aux = vector(k, abi, img, b, uRandom, uPlatform);
    int eiIndex = 2 * aux.size();
    long sp = p - (long) eiIndex * word;
    int items = (b.argc() + 1) + (b.envc() + 1) + 1;
    sp = (sp - (long) items * word) & ~15L;
    b.p = sp;

    long at = sp;
    put(ua, at, b.argc(), word);
    at += word;
    long s = argStart;
    for (byte[] arg : b.argv) {
      put(ua, at, s, word);
      at += word;
      s += arg.length;
    }
    put(ua, at, 0, word);
    at += word;
    long argEnd = s;
    long envStart = s;
    for (byte[] env : b.envp) {
      put(ua, at, s, word);
      at += word;
      s += env.length;
    }
    put(ua, at, 0, word);
    at += word;
    for (Auxv.Entry e : aux) {
      put(ua, at, e.type(), word);
      put(ua, at + word, e.value(), word);
      at += 2L * word;
    }
    mm.setStack(sp, argStart, argEnd, envStart, s);
    return new Built(sp, aux, uRandom, uPlatform);
  }

  /** The vector in the kernel's order: ARCH_DLINFO (or ARCH_DLINFO_IA32) first, AT_NULL last. */
  private static List<Auxv.Entry> vector(Kernel k, ProcessAbi abi, Image img, Binprm b, long uRandom, long uPlatform) {
    MachineSpec.CpuSpec cpu = k.spec().cpu();
    List<Auxv.Entry> v = new ArrayList<>();
    if (img.vdso() != 0) {
      if (img.vdsoImage().sysinfoOffset() >= 0) {
        v.add(new Auxv.Entry(Auxv.AT_SYSINFO, img.vdso() + img.vdsoImage().sysinfoOffset()));
      }
      v.add(new Auxv.Entry(Auxv.AT_SYSINFO_EHDR, img.vdso()));
    }
    v.add(new Auxv.Entry(Auxv.AT_MINSIGSTKSZ, cpu.minSigStackSize()));
    v.add(new Auxv.Entry(Auxv.AT_HWCAP, cpu.hwcap()));
    v.add(new Auxv.Entry(Auxv.AT_PAGESZ, 4096));
    v.add(new Auxv.Entry(Auxv.AT_CLKTCK, 100));
    v.add(new Auxv.Entry(Auxv.AT_PHDR, img.phdrAddr()));
    v.add(new Auxv.Entry(Auxv.AT_PHENT, ElfFile.phdrSize(img.elf().elfClass())));
    v.add(new Auxv.Entry(Auxv.AT_PHNUM, img.elf().phnum()));
    v.add(new Auxv.Entry(Auxv.AT_BASE, img.interpBase()));
    v.add(new Auxv.Entry(Auxv.AT_FLAGS, 0));
    v.add(new Auxv.Entry(Auxv.AT_ENTRY, img.entry()));
    v.add(new Auxv.Entry(Auxv.AT_UID, 0));
    v.add(new Auxv.Entry(Auxv.AT_EUID, 0));
    v.add(new Auxv.Entry(Auxv.AT_GID, 0));
    v.add(new Auxv.Entry(Auxv.AT_EGID, 0));
    v.add(new Auxv.Entry(Auxv.AT_SECURE, 0));
    v.add(new Auxv.Entry(Auxv.AT_RANDOM, uRandom));
    v.add(new Auxv.Entry(Auxv.AT_HWCAP2, cpu.hwcap2()));
    v.add(new Auxv.Entry(Auxv.AT_EXECFN, b.exec));
    v.add(new Auxv.Entry(Auxv.AT_PLATFORM, uPlatform));
    if (k.version().atLeast(6, 3)) {
      v.add(new Auxv.Entry(Auxv.AT_RSEQ_FEATURE_SIZE, RSEQ_FEATURE_SIZE));
      v.add(new Auxv.Entry(Auxv.AT_RSEQ_ALIGN, RSEQ_ALIGN));
    }
    v.add(new Auxv.Entry(Auxv.AT_NULL, 0));
    return v;
  }

  private static void write(UserAccess ua, long addr, byte[] data) {
    if (ua.copyToUser(addr, data, 0, data.length) != 0) {
      throw new ExecException(Errno.EFAULT, "cannot write the initial stack at 0x" + Long.toHexString(addr));
    }
  }

  private static void put(UserAccess ua, long addr, long value, int word) {
    if (!ua.putWord(addr, value, word)) {
      throw new ExecException(Errno.EFAULT, "cannot write the initial stack at 0x" + Long.toHexString(addr));
    }
  }
}
