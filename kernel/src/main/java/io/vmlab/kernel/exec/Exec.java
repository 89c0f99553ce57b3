package io.vmlab.kernel.exec;

import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.api.arch.VdsoImage;
import io.vmlab.api.policy.MmLayout;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.exec.elf.ElfFile;
import io.vmlab.kernel.exec.elf.ElfFormatException;
import io.vmlab.kernel.exec.elf.ElfParser;
import io.vmlab.kernel.exec.elf.ProgramHeader;
import io.vmlab.kernel.fs.OpenFile;
import io.vmlab.kernel.memory.MemoryManager;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.mm.Mman;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.VmFlags;
import io.vmlab.kernel.mm.VmMmap;
import java.util.SplittableRandom;

/**
 * execve() of an ELF program or a #! script: do_execveat_common() and begin_new_exec() of
 * fs/exec.c with load_script() (BinfmtScript) and load_elf_binary() of fs/binfmt_elf.c (Linux 6.1.158). Everything that can be refused is checked
 * before the old address space is dropped; past that point a failure leaves the task with a
 * partial address space, as a SIGKILLed task would have had.
 */
public final class Exec {
  /** personality MMAP_PAGE_ZERO: page 0 is mapped read+exec (SVr4 compatibility). */
  public static final int MMAP_PAGE_ZERO = 0x0100000;
  /** TASK_COMM_LEN - 1. */
  private static final int COMM_MAX = 15;

  private Exec() {}

  /** Replaces {@code t}'s address space with the program of {@code req}. */
  public static ExecResult execve(Task t, ExecRequest req) {
    Kernel k = t.kernel();
    BinfmtScript.Resolved resolved = BinfmtScript.resolve(req);
    BinaryFile prog = resolved.program();
    ElfFile elf = parse(prog, Errno.ENOEXEC);
    ProcessAbi abi = abiFor(k, elf, prog.source());
    BinaryFile interpFile = null;
    ElfFile interp = null;
    if (elf.interpreter() != null) {
      interpFile = req.interpreters().open(elf.interpreter());
      if (interpFile == null) {
        throw new ExecException(Errno.ENOENT, prog.source() + ": interpreter " + elf.interpreter()
            + " (PT_INTERP) not found");
      }
      interp = parse(interpFile, Errno.ELIBBAD);
      if (interp.elfClass() != elf.elfClass() || abiFor(k, interp, interpFile.source()) != abi) {
        throw new ExecException(Errno.ELIBBAD, interpFile.source() + ": an " + ElfFile.className(interp.elfClass())
            + " " + ElfFile.machineName(interp.machine()) + " interpreter for an " + ElfFile.className(elf.elfClass())
            + " " + ElfFile.machineName(elf.machine()) + " program");
      }
    }
    Binprm b = new Binprm(req.filename(), resolved.argv(), req.envp(), k.arch().kernelPointerBytes());
    long budget = ArgPages.checkLimits(b, t.rlimitStack(), prog.source());

    // begin_new_exec(): the point of no return.
    execMmap(t, abi);
    MmStruct mm = t.mm();
    t.setComm(comm(req.filename()));
    int pers = t.personality();
    if (!abi.compat() && abi.wordBytes() == 8) {
      pers &= ~Task.READ_IMPLIES_EXEC; // set_personality_64bit()
    }
    ProgramHeader gnuStack = elf.gnuStack();
    if (gnuStack == null && abi.readImpliesExecWithoutGnuStack()) {
      pers |= Task.READ_IMPLIES_EXEC; // elf_read_implies_exec()
    }
    t.setPersonality(pers);

    // setup_new_exec(): arch_pick_mmap_layout() through the layout policy, with PF_RANDOMIZE.
    SplittableRandom random = new SplittableRandom(req.seed());
    MmLayout layout = ProcessFactory.pickLayout(k, t, random.split());
    mm.setLayout(layout.topDown(), layout.mmapBase(), layout.legacyMmapBase());

    // setup_arg_pages(bprm, randomize_stack_top(STACK_TOP), executable_stack).
    long stackTop = BinfmtElf.pageAlign((layout.stackTop() - layout.stackJitter()) & ~0xfL);
    long stackFlags = VmFlags.STACK_FLAGS | ((pers & Task.READ_IMPLIES_EXEC) != 0 ? VmFlags.EXEC : 0);
    if (gnuStack != null) {
      stackFlags = (gnuStack.flags() & ProgramHeader.PF_X) != 0 ? stackFlags | VmFlags.EXEC : stackFlags & ~VmFlags.EXEC;
    }
    stackFlags |= mm.defFlags();
    ArgPages.mmInit(t, b, stackTop, stackFlags, budget);
    UserAccess ua = new UserAccess(t);
    ArgPages.copyStrings(t, b, ua);
    // Linux writes the strings before exec_mmap(), through get_user_pages_remote() on a mm that
    // is not current's: those pages count in the mm at once, not in the task's RSS cache.
    mm.rss().sync();
    ArgPages.setupArgPages(t, b);

    BinfmtElf.Loaded main = BinfmtElf.loadBinary(t, elf, new OpenFile(prog.inode(), true, false), interp != null, layout);
    long interpBase = 0;
    long entry = main.entry();
    if (interp != null) {
      interpBase = BinfmtElf.loadInterp(t, interp, new OpenFile(interpFile.inode(), true, false), main.loadBias());
      entry = interpBase + interp.entry();
    }

    // ARCH_SETUP_ADDITIONAL_PAGES: 6.1 x86-64 hints the vdso next to the stack, the rest go top-down.
    VdsoImage img = abi.vdso(k.version());
    long hint = img.nearStack()
        ? SpecialMappings.vdsoAddr(mm.startStack(), (long) img.totalPages() << 12, layout.vdsoRandom(), abi.mapWindow())
        : 0;
    long vdso = SpecialMappings.mapVdso(t, hint);

    byte[] atRandom = new byte[16];
    random.split().nextBytes(atRandom);
    ElfTables.Built tables = ElfTables.create(t, b, ua,
        new ElfTables.Image(elf, main.phdrAddr(), interpBase, main.entry(), vdso, img), layout.tablesJitter(), atRandom);

    setBrk(k, mm, elf, interp != null, main, layout, abi);
    if ((pers & MMAP_PAGE_ZERO) != 0) {
      VmMmap.vmMmap(t, null, 0, 4096, Mman.PROT_READ | Mman.PROT_EXEC, Mman.MAP_FIXED | Mman.MAP_PRIVATE, 0);
    }
    return new ExecResult(elf, interp, entry, main.loadBias(), interpBase, vdso, tables.sp(), b.vma.start(),
        b.vma.end(), tables.randomAt(), tables.auxv(), pers);
  }

  /**
   * The segment bounds and the program break: the page after the highest bss, moved to
   * ELF_ET_DYN_BASE for a static PIE, then (randomize_va_space 2) a page further and
   * arch_randomize_brk().
   */
  private static void setBrk(Kernel k, MmStruct mm, ElfFile elf, boolean hasInterp, BinfmtElf.Loaded main,
      MmLayout layout, ProcessAbi abi) {
    long elfBrk = main.elfBrk();
    boolean brkMoved = false;
    if (elf.isDyn() && !hasInterp) {
      elfBrk = abi.elfEtDynBase();
      brkMoved = true;
    }
    long brk = BinfmtElf.pageAlign(elfBrk);
    if (layout.randomizeBrk()) {
      if (!brkMoved) {
        brk += 4096;
      }
      brk = randomizePage(brk, abi.brkRandomRange(k.version()), layout.brkRandom());
      brkMoved = true;
    }
    mm.setSegments(main.startCode(), main.endCode(), main.startData(), main.endData(), brk, brk);
    mm.setBrkRandomized(brkMoved);
  }

  /** randomize_page() of mm/util.c: a page in [start, start + range). */
  static long randomizePage(long start, long range, long random) {
    if ((start & 0xfff) != 0) {
      range -= BinfmtElf.pageAlign(start) - start;
      start = BinfmtElf.pageAlign(start);
    }
    if (Long.compareUnsigned(start, -1L - range) > 0) {
      range = -1L - start;
    }
    range >>>= 12;
    if (range == 0) {
      return start;
    }
    return start + (Long.remainderUnsigned(random, range) << 12);
  }

  /** exec_mmap(): the old mm goes as at exit; a new one of the program's ABI takes its place. */
  private static void execMmap(Task t, ProcessAbi abi) {
    Kernel k = t.kernel();
    MemoryManager memory = k.memoryManager();
    MmStruct old = t.mm();
    old.rss().sync();
    memory.drainLru();
    memory.exitMmap(old);
    memory.releasePins(t);
    k.installMm(t, k.newMm(abi));
  }

  private static ElfFile parse(BinaryFile f, Errno errno) {
    try {
      return ElfParser.parse(f.source(), f.image(), f.inode().size());
    } catch (ElfFormatException e) {
      throw new ExecException(errno, e.getMessage());
    }
  }

  /** The machine's process ABI that runs this class and e_machine (elf_check_arch()), or ENOEXEC. */
  static ProcessAbi abiFor(Kernel k, ElfFile elf, String source) {
    StringBuilder runs = new StringBuilder();
    for (ProcessAbi a : k.arch().abis()) {
      boolean machine = a.elfMachine() == elf.machine()
          || (a.elfMachine() == ElfFile.EM_386 && elf.machine() == ElfFile.EM_486);
      if (a.elfClass() == elf.elfClass() && machine) {
        return a;
      }
      runs.append(runs.length() == 0 ? "" : " and ").append(ElfFile.className(a.elfClass())).append(' ')
          .append(ElfFile.machineName(a.elfMachine()));
    }
    throw new ExecException(Errno.ENOEXEC, source + ": an " + ElfFile.className(elf.elfClass()) + " "
        + ElfFile.machineName(elf.machine()) + " program, but this " + k.arch().archId() + " machine runs "
        + runs + " programs");
  }

  /**
   * The bytes of [start, end) of the task's memory as mapped now (unmapped pages read as zero),
   * read without faulting anything in: for dumping the initial stack.
   */
  public static byte[] peekUser(Task t, long start, long end) {
    byte[] out = new byte[(int) (end - start)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) UserAccess.peek(t, start + i);
    }
    return out;
  }

  /** kbasename(filename), cut to TASK_COMM_LEN - 1 bytes. */
  private static String comm(String filename) {
    String base = filename.substring(filename.lastIndexOf('/') + 1);
    return base.length() > COMM_MAX ? base.substring(0, COMM_MAX) : base;
  }
}
