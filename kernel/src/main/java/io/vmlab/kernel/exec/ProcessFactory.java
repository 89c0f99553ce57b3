package io.vmlab.kernel.exec;

import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.api.policy.LayoutRequest;
import io.vmlab.api.policy.MmLayout;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.mm.VmFlags;
import java.util.SplittableRandom;

/**
 * A process without a program: the layout an exec would pick, a [stack] VMA of one argument
 * page plus the 128 KiB setup_arg_pages() adds, and the vDSO. The program break starts at the
 * ABI's text base. Scripts run in such a process until they exec a real ELF file.
 */
public final class ProcessFactory {
  /** fs/exec.c setup_arg_pages(): stack_expand. */
  static final long STACK_EXPAND = 128L << 10;

  private ProcessFactory() {}

  /** A minimal process of {@code abi} (the machine's native ABI if null). */
  public static Task minimal(Kernel k, ProcessAbi abi, String comm, long seed) {
    ProcessAbi a = abi != null ? abi : k.arch().nativeAbi();
    Task t = k.newTask(comm, a);
    boolean noRandomize = !k.spec().randomize();
    t.setPersonality(noRandomize ? Task.ADDR_NO_RANDOMIZE : 0);
    MmStruct mm = t.mm();
    MmLayout layout = pickLayout(k, t, new SplittableRandom(seed));
    mm.setLayout(layout.topDown(), layout.mmapBase(), layout.legacyMmapBase());
    long top = layout.stackTop();
    long stackStart = top - 4096 - STACK_EXPAND;
    long flags = VmFlags.STACK_FLAGS | mm.defFlags();
    Vma stack = k.vmaOps().install(mm, stackStart, top, flags, (a.stackTop() >>> 12) - 1, null, null);
    // The argument page at the top holds argv/envp/auxv: written by exec, so resident.
    k.memoryManager().seedPage(mm, stack, top - 4096, true, true, 0);
    long sp = top - 4096 + 0xe00;
    mm.setStack(sp, sp, sp, sp, sp);
    long brk = a.textBase();
    mm.setSegments(0, 0, 0, 0, brk, brk);
    SpecialMappings.mapVdso(t, 0);
    mm.rss().sync();
    return t;
  }

  /**
   * A process with an empty address space but the layout an exec would pick: a trace replay maps
   * what the trace touches, so nothing of its own may be in the way.
   */
  public static Task empty(Kernel k, ProcessAbi abi, String comm, long seed) {
    ProcessAbi a = abi != null ? abi : k.arch().nativeAbi();
    Task t = k.newTask(comm, a);
    t.setPersonality(k.spec().randomize() ? 0 : Task.ADDR_NO_RANDOMIZE);
    MmLayout layout = pickLayout(k, t, new SplittableRandom(seed));
    t.mm().setLayout(layout.topDown(), layout.mmapBase(), layout.legacyMmapBase());
    long brk = a.textBase();
    t.mm().setSegments(0, 0, 0, 0, brk, brk);
    return t;
  }

  /** arch_pick_mmap_layout() through the machine's layout policy. */
  static MmLayout pickLayout(Kernel k, Task t, SplittableRandom random) {
    return k.policies().layout().pick(new LayoutRequest(t.abi(), k.version(), t.rlimitStack(),
        k.spec().kernel().randomizeVaSpace(), (t.personality() & Task.ADDR_NO_RANDOMIZE) != 0,
        k.spec().kernel().legacyVaLayout() || (t.personality() & Task.ADDR_COMPAT_LAYOUT) != 0,
        k.stackGuardGap(), random));
  }
}
