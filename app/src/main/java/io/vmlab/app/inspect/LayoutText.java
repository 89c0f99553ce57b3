package io.vmlab.app.inspect;

import io.vmlab.app.format.Hex;
import io.vmlab.app.format.Sizes;
import io.vmlab.app.format.TextTable;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes a {@link LayoutReport} as text for a terminal. */
public final class LayoutText {
  private LayoutText() {}

  /** The whole report. */
  public static String render(LayoutReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append("machine ").append(r.machine()).append("  (").append(r.file()).append(")\n");
    sb.append("  arch ").append(r.arch()).append(", paging ").append(r.paging())
        .append(", Linux ").append(r.kernel()).append('\n');
    sb.append("  ").append(walkSummary(r)).append('\n');
    sb.append('\n').append("Page-table levels\n").append(levels(r.levels()));
    sb.append('\n').append("User/kernel split\n");
    TextTable split = new TextTable("name", "value", "note");
    split.row("PAGE_OFFSET", Hex.of(r.pageOffset()), r.split().isEmpty()
        ? "start of the kernel's direct map (no KASLR); the split is fixed on " + r.arch()
        : "split " + r.split() + ": user space below, kernel above");
    split.row("TASK_SIZE_MAX", Hex.of(r.taskSizeMax()), "faults at or above take the kernel-address path");
    sb.append(split.render("  "));
    for (AbiLayout abi : r.abis()) {
      sb.append('\n').append(abiTitle(abi)).append("   [stack rlimit ").append(Sizes.limit(r.stackRlimit()))
          .append(", randomization off]\n").append(abiTable(abi));
    }
    if (!r.kernelAreas().isEmpty()) {
      sb.append('\n').append("Kernel areas\n").append(areas(r.kernelAreas()));
    }
    return sb.toString();
  }

  /** "4 levels walked (p4d folded), 8-byte entries, 48-bit canonical addresses". */
  public static String walkSummary(LayoutReport r) {
    String folded = r.levels().stream().filter(LevelRow::folded).map(LevelRow::level).collect(Collectors.joining(", "));
    return r.walkDepth() + " levels walked" + (folded.isEmpty() ? "" : " (" + folded + " folded)") + ", "
        + r.entryBytes() + "-byte entries, " + r.virtualBits() + "-bit " + (r.canonical() ? "canonical " : "")
        + "virtual addresses, " + Sizes.of(r.pageSize()) + " pages";
  }

  /** The levels table. */
  public static String levels(List<LevelRow> levels) {
    TextTable t = new TextTable("level", ">shift", ">bits", ">entries", "folded", "a leaf entry maps");
    for (LevelRow l : levels) {
      t.row(l.level(), l.shift(), l.folded() ? "-" : l.bits(), l.entries(), l.folded() ? "yes" : "no",
          l.leafSize() == 0 ? "-" : Sizes.of(l.leafSize()));
    }
    return t.render("  ");
  }

  private static String abiTitle(AbiLayout abi) {
    return "Process layout: " + abi.abi() + (abi.compat() ? " (compat: an IA-32 program on this kernel)" : " (native)");
  }

  private static String abiTable(AbiLayout a) {
    TextTable t = new TextTable("name", "value", "note");
    t.row("TASK_SIZE", Hex.of(a.taskSize()), Sizes.of(a.taskSize()) + " of user address space");
    t.row("DEFAULT_MAP_WINDOW", Hex.of(a.mapWindow()), "top of what mmap hands out without a hint");
    t.row("STACK_TOP", Hex.of(a.stackTop()), "the stack grows down from here");
    t.row("mmap_base", Hex.of(a.mmapBase()), a.topDown()
        ? "top-down: mmap allocates downwards from here, below the stack gap"
        : "bottom-up (legacy layout): mmap allocates upwards from here");
    t.row("TASK_UNMAPPED_BASE", Hex.of(a.taskUnmappedBase()), "legacy bottom-up mmap base: a third of the map window");
    t.row("ELF_ET_DYN_BASE", Hex.of(a.elfEtDynBase()), "PIE load base; first PIE page " + Hex.of(a.firstPiePage()));
    t.row("text base (non-PIE)", Hex.of(a.textBase()), "where GNU ld links a non-PIE executable");
    return t.render("  ");
  }

  private static String areas(List<AreaRow> areas) {
    TextTable t = new TextTable("area", "start", "end", ">size", "kind");
    for (AreaRow a : areas) {
      t.row(a.name(), Hex.of(a.start()), a.end() == 0 ? "top" : Hex.of(a.end()), Sizes.of(a.size()),
          a.kind().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
    return t.render("  ");
  }
}
