package io.vmlab.kernel.exec;

import io.vmlab.api.KernelVersion;
import io.vmlab.arch.ia32.Ia32Architecture;
import io.vmlab.arch.x86_64.X8664Architecture;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.KernelModule;
import io.vmlab.kernel.PolicySet;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.exec.elf.ElfFile;
import io.vmlab.kernel.exec.elf.ElfImageBuilder;
import io.vmlab.kernel.exec.elf.ProgramHeader;
import io.vmlab.kernel.proc.ProcFs;
import io.vmlab.policy.linux.LinuxFaultAround;
import io.vmlab.policy.linux.LinuxLayoutPolicy;
import io.vmlab.policy.linux.LinuxOomPolicy;
import io.vmlab.policy.linux.Lru2qPolicy;
import java.util.List;
import java.util.Map;

/** A machine for exec tests (the real architecture and Linux policy classes) and programs to run on it. */
final class ExecMachine {
  static final int R = ProgramHeader.PF_R;
  static final int RX = ProgramHeader.PF_R | ProgramHeader.PF_X;
  static final int RW = ProgramHeader.PF_R | ProgramHeader.PF_W;
  static final int RWX = RW | ProgramHeader.PF_X;

  final Kernel kernel;
  final ProcFs proc;
  private long nextInode = 20;

  /** A machine: randomization off unless {@code randomize}; 64 MiB of memory. */
  ExecMachine(String arch, String paging, KernelVersion v, boolean randomize, int randomizeVaSpace,
      boolean legacyLayout, long rlimitStack, long seed) {
    MachineSpec d = MachineSpec.defaults(arch, paging);
    MachineSpec.KernelSettings k = d.kernel();
    MachineSpec spec = new MachineSpec(d.name(), arch, paging, null, 64L << 20, 0,
        new MachineSpec.KernelSettings(v, k.mmapMinAddr(), k.overcommit(), k.overcommitRatio(), k.maxMapCount(),
            k.thp(), "none", k.pti(), k.faultAroundBytes(), k.stackGuardGapPages(), randomizeVaSpace, legacyLayout,
            true, true),
        d.tlb(), d.policies(), new MachineSpec.Limits(rlimitStack, -1, -1, 8L << 20), randomize, seed);
    this.kernel = new Kernel(spec, KernelModule.configureArch(spec,
        Map.of("ia32", new Ia32Architecture(), "x86_64", new X8664Architecture())),
        new PolicySet(new Lru2qPolicy(), new LinuxLayoutPolicy(), new LinuxFaultAround(), new LinuxOomPolicy()));
    this.proc = new ProcFs(kernel);
  }

  ExecMachine(String arch, String paging, KernelVersion v) {
    this(arch, paging, v, false, 2, false, 8L << 20, 1);
  }

  /** A task as a shell would start it: native ABI, ADDR_NO_RANDOMIZE unless the machine randomizes. */
  Task task() {
    Task t = kernel.newTask("sh", kernel.arch().nativeAbi());
    t.setPersonality(kernel.spec().randomize() ? 0 : Task.ADDR_NO_RANDOMIZE);
    return t;
  }

  /** A file of the machine (device 00:02) holding {@code image}. */
  BinaryFile file(String path, byte[] image) {
    return new BinaryFile(kernel.createCachedFile(path, 0, 2, nextInode++, image.length, 0, true), image, path);
  }

  /** execve(path) of {@code image}, with {@code interp} (or none) as the only other file. */
  ExecResult exec(Task t, String path, byte[] image, byte[] interp, List<String> argv, List<String> env, long seed) {
    BinaryFile prog = file(path, image);
    BinaryFile ld = interp == null ? null : file("/lib/ld.so", interp);
    return Exec.execve(t, new ExecRequest(path, argv, env, prog, p -> ld != null && p.equals("/lib/ld.so") ? ld : null,
        seed));
  }

  ExecResult exec(Task t, byte[] image, byte[] interp) {
    return exec(t, "/bin/prog", image, interp, List.of("/bin/prog"), List.of("A=1"), 1);
  }

  List<String> maps(Task t) {
    return proc.maps(t);
  }

  /** A static non-PIE like GNU ld links it: headers, text, rodata, data with a bss of {@code bss} bytes. */
  static ElfImageBuilder staticExec(int elfClass, long bss) {
    int machine = elfClass == ElfFile.ELFCLASS64 ? ElfFile.EM_X86_64 : ElfFile.EM_386;
    long base = elfClass == ElfFile.ELFCLASS64 ? 0x400000 : 0x8048000;
    return new ElfImageBuilder(elfClass, machine, ElfFile.ET_EXEC).entry(base + 0x1000)
        .load(R, 0, base, 0x518, 0x518)
        .load(RX, 0x1000, base + 0x1000, 0x2000, 0x2000)
        .load(R, 0x3000, base + 0x3000, 0x500, 0x500)
        .load(RW, 0x36d8, base + 0x46d8, 0x100, 0x100 + bss)
        .fileSize(0x4000);
  }

  static ElfImageBuilder withGnuStack(ElfImageBuilder b, int flags) {
    return b.phdr(ProgramHeader.PT_GNU_STACK, flags, 0, 0, 0, 0, 16);
  }

  /** A PIE; with an interpreter path it is a dynamic PIE, without one a static PIE. */
  static ElfImageBuilder pie(int elfClass, String interp, long align) {
    ElfImageBuilder b = new ElfImageBuilder(elfClass, elfClass == ElfFile.ELFCLASS64 ? ElfFile.EM_X86_64 : ElfFile.EM_386,
        ElfFile.ET_DYN).entry(0x1050);
    if (interp != null) {
      b.interp(0x318, interp);
    }
    return b.phdr(ProgramHeader.PT_LOAD, R, 0, 0, 0x650, 0x650, align)
        .phdr(ProgramHeader.PT_LOAD, RX, 0x1000, 0x1000, 0x181, 0x181, align)
        .phdr(ProgramHeader.PT_LOAD, R, 0x2000, 0x2000, 0xf4, 0xf4, align)
        .phdr(ProgramHeader.PT_LOAD, RW, 0x2dd0, 0x3dd0, 0x24c, 0x260, align)
        .phdr(ProgramHeader.PT_GNU_STACK, RW, 0, 0, 0, 0, 16)
        .fileSize(0x3f00);
  }

  /** An ld.so-shaped interpreter (span 0x35000). */
  static byte[] ldso(int elfClass) {
    return withGnuStack(new ElfImageBuilder(elfClass, elfClass == ElfFile.ELFCLASS64 ? ElfFile.EM_X86_64 : ElfFile.EM_386,
        ElfFile.ET_DYN).entry(0x1ab70)
        .load(R, 0, 0, 0xd58, 0xd58)
        .load(RX, 0x1000, 0x1000, 0x25111, 0x25111)
        .load(R, 0x27000, 0x27000, 0x9c7c, 0x9c7c)
        .load(RW, 0x31900, 0x31900, 0x2810, 0x29d8), RW).fileSize(0x347d8).build();
  }
}
