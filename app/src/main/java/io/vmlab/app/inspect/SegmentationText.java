package io.vmlab.app.inspect;

import io.vmlab.app.format.Hex;
import io.vmlab.app.format.TextTable;
import io.vmlab.kernel.seg.AddressingMode;
import io.vmlab.kernel.seg.SegmentCheck;
import java.util.Map;

/** Writes {@link ProcessSegments} and {@link SegmentedTranslation}s as text for a terminal. */
public final class SegmentationText {
  private SegmentationText() {}

  /** One line: the ABI, CPL, mode and the selector in each register. */
  public static String process(ProcessSegments p) {
    StringBuilder sb = new StringBuilder("process ").append(p.abi()).append(" at CPL ").append(p.cpl()).append(" (")
        .append(p.mode()).append("):");
    for (Map.Entry<String, String> e : p.registers().entrySet()) {
      sb.append(' ').append(e.getKey()).append(' ').append(e.getValue());
    }
    sb.append(", fs base ").append(Hex.of(p.fsBase())).append(", gs base ").append(Hex.of(p.gsBase()));
    sb.append(p.ldtEntries() == 0 ? ", no LDT" : ", LDT of " + p.ldtEntries() + " entries");
    return sb.append('\n').toString();
  }

  /** The selector, descriptor, checks, fault or linear address, then the paging view. */
  public static String render(SegmentedTranslation t) {
    StringBuilder sb = new StringBuilder();
    SelectorInfo s = t.selector();
    sb.append("logical ").append(t.logical()).append(": ").append(t.access()).append(" of ").append(t.size())
        .append(t.size() == 1 ? " byte" : " bytes").append(" at offset ").append(Hex.of(t.offset()))
        .append(" through ").append(t.register())
        .append(s.loaded() ? " (selector loaded into " + t.register() + ")" : " (its current selector)").append('\n');
    sb.append("  selector    ").append(s.value()).append(": index ").append(s.index()).append(", TI ")
        .append(s.table().equals("LDT") ? "1 (LDT)" : "0 (GDT)").append(", RPL ").append(s.rpl());
    if (s.name() != null) {
      sb.append("  = ").append(s.name());
    }
    sb.append('\n');
    DescriptorInfo d = t.descriptor();
    if (d != null) {
      sb.append("  descriptor  ").append(s.table()).append('[').append(s.index()).append("] ").append(d.entry())
          .append(": ").append(String.format("0x%016x", d.raw())).append('\n');
      sb.append("              base ").append(Hex.of(d.base())).append(", limit ").append(Hex.of(d.limit()))
          .append(d.granularity() ? " (G=1: " + Hex.of(d.effectiveLimit()) + ")" : " (G=0: bytes)")
          .append(", type 0x").append(Integer.toHexString(d.type())).append(" (").append(d.typeName()).append(")\n");
      sb.append("              S=").append(d.s()).append(" DPL=").append(d.dpl()).append(" P=").append(bit(d.present()))
          .append(" D/B=").append(bit(d.defaultBig())).append(" L=").append(bit(d.longMode())).append(" G=")
          .append(bit(d.granularity())).append(" AVL=").append(bit(d.avl())).append('\n');
    } else {
      sb.append("  descriptor  none (").append(s.index() == 0 && s.table().equals("GDT") ? "null selector"
          : "index beyond the " + s.table()).append(")\n");
    }
    sb.append("  mode        ").append(t.mode()).append(", CPL ").append(t.cpl()).append('\n');
    TextTable checks = new TextTable("result", "check", "detail");
    for (SegmentCheck c : t.checks()) {
      checks.row(c.passed() ? "ok" : "FAIL", c.check(), c.detail());
    }
    sb.append(checks.render("  "));
    FaultInfo f = t.fault();
    if (f != null) {
      sb.append("  fault       ").append(f.mnemonic()).append(": ").append(f.reason()).append("; error code ")
          .append(Hex.of(f.errorCode())).append(" = index ").append(f.index()).append(", TI ").append(f.ti())
          .append(", EXT ").append(f.ext()).append('\n');
      return sb.toString();
    }
    boolean ignored = t.mode().equals(AddressingMode.LONG.text()) && !t.register().equals("fs")
        && !t.register().equals("gs");
    sb.append("  linear      ").append(Hex.of(t.linear())).append(" = base ").append(Hex.of(t.base()))
        .append(ignored ? " (64-bit mode: the " + t.register() + " base is ignored)" : "").append(" + offset ")
        .append(Hex.of(t.offset())).append('\n');
    sb.append("\npaging of the linear address:\n").append(TranslationText.render(t.paging()));
    return sb.toString();
  }

  private static int bit(boolean b) {
    return b ? 1 : 0;
  }
}
