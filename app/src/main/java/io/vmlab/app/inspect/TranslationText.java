package io.vmlab.app.inspect;

import io.vmlab.app.format.Hex;
import io.vmlab.app.format.TextTable;

/** Writes a {@link Translation} as text for a terminal. */
public final class TranslationText {
  private TranslationText() {}

  /** The address, its space, its index at every level, its page offset and notes. */
  public static String render(Translation t) {
    StringBuilder sb = new StringBuilder();
    sb.append(Hex.of(t.address())).append("  ").append(t.space());
    if (t.area() != null) {
      sb.append(", area: ").append(t.area());
    }
    sb.append('\n');
    if (!t.levels().isEmpty()) {
      TextTable table = new TextTable("level", ">index", ">hex", "address bits");
      for (LevelIndex l : t.levels()) {
        if (l.folded()) {
          table.row(l.level(), "folded", "-", "-");
        } else {
          table.row(l.level(), l.index(), Hex.of(l.index()), bits(l.shift() + l.bits() - 1, l.shift()));
        }
      }
      table.row("offset", t.offset(), Hex.of(t.offset()), bits(t.pageShift() - 1, 0));
      sb.append(table.render("  "));
    }
    for (String note : t.notes()) {
      sb.append("  note: ").append(note).append('\n');
    }
    return sb.toString();
  }

  /** The index path in one line: {@code pgd 0x20 > pte 0x48 > offset 0x0}. */
  public static String oneLine(Translation t) {
    if (t.levels().isEmpty()) {
      return t.space();
    }
    StringBuilder sb = new StringBuilder();
    for (LevelIndex l : t.levels()) {
      if (!l.folded()) {
        sb.append(l.level()).append(' ').append(l.index()).append(" > ");
      }
    }
    return sb.append("offset ").append(Hex.of(t.offset())).toString();
  }

  private static String bits(int high, int low) {
    return high + ".." + low;
  }
}
