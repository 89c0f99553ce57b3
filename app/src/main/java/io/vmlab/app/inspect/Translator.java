package io.vmlab.app.inspect;

import io.vmlab.api.arch.AddressClass;
import io.vmlab.api.arch.ArchModel;
import io.vmlab.api.arch.KernelArea;
import io.vmlab.api.arch.LevelGeometry;
import io.vmlab.api.arch.PagingGeometry;
import io.vmlab.app.UserError;
import io.vmlab.app.format.Hex;
import java.util.ArrayList;
import java.util.List;

/** Splits a virtual address into the indices a hardware page walk uses, and classifies it. */
public final class Translator {
  private Translator() {}

  /**
   * How {@code arch} sees {@code va}.
   *
   * @throws UserError if {@code va} is wider than a non-canonical architecture's addresses
   */
  public static Translation translate(ArchModel arch, long va) {
    PagingGeometry g = arch.geometry();
    if (!g.canonical() && !g.isCanonical(va)) {
      throw new UserError(Hex.of(va) + " is not a " + g.virtualBits() + "-bit address ("
          + arch.archId() + " " + arch.pagingMode() + " has " + g.virtualBits() + "-bit virtual addresses)");
    }
    AddressClass cls = arch.classify(va);
    List<String> notes = new ArrayList<>();
    if (cls == AddressClass.NON_CANONICAL) {
      notes.add("non-canonical: an access raises #GP, not a page fault (bits 63.." + (g.virtualBits() - 1)
          + " must all be equal)");
      return new Translation(va, Translation.NON_CANONICAL, null, false, List.of(), va & (g.pageSize() - 1),
          g.pageShift(), notes);
    }
    List<LevelIndex> levels = new ArrayList<>();
    for (LevelGeometry l : g.levels()) {
      Integer index = l.folded() ? null : l.index(va);
      levels.add(new LevelIndex(l.level().linuxName(), l.folded(), index, l.shift(), l.bits()));
    }
    String area = null;
    boolean aboveMax = false;
    if (cls == AddressClass.KERNEL) {
      KernelArea found = arch.kernelAreas().stream().filter(a -> a.contains(va)).findFirst().orElse(null);
      area = found == null ? null : found.name();
      if (found != null && found.kind() == KernelArea.Kind.GATE) {
        notes.add("kernel half, but a gate page user space may execute (" + found.name() + ")");
      } else if (g.canonical()) {
        notes.add("kernel half (the upper canonical half): a user-mode access gets SIGSEGV");
      } else {
        notes.add("kernel half (at or above PAGE_OFFSET " + Hex.of(arch.pageOffset()) + ", split " + arch.split()
            + "): a user-mode access gets SIGSEGV");
      }
    } else if (Long.compareUnsigned(va, arch.taskSizeMax()) >= 0) {
      aboveMax = true;
      notes.add("at or above TASK_SIZE_MAX " + Hex.of(arch.taskSizeMax())
          + ": no VMA can be here, and a fault here takes the kernel-address path");
    }
    String space = cls == AddressClass.KERNEL ? Translation.KERNEL : Translation.USER;
    return new Translation(va, space, area, aboveMax, levels, va & (g.pageSize() - 1), g.pageShift(), notes);
  }
}
