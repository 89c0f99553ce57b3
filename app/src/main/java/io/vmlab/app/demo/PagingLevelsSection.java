package io.vmlab.app.demo;

import io.vmlab.app.format.Sizes;
import io.vmlab.app.inspect.LevelRow;
import java.util.Comparator;
import java.util.List;

/** The page-table levels of every machine: shift/bits and entries, or folded. */
final class PagingLevelsSection implements DemoSection {
  @Override
  public String title() {
    return "Page-table levels: index shift/bits and entries per table (folded = no table of its own)";
  }

  @Override
  public String render(List<DemoMachine> machines) {
    SideBySide t = new SideBySide("level", machines);
    for (int i = 0; i < 5; i++) {
      int level = i;
      t.row(machines.get(0).layout().levels().get(level).level(), m -> cell(m.layout().levels().get(level)));
    }
    t.row("walk depth", m -> m.layout().walkDepth() + " levels");
    t.row("entry size", m -> m.layout().entryBytes() + " bytes");
    t.row("virtual bits", m -> m.layout().virtualBits() + (m.layout().canonical() ? " (canonical)" : ""));
    t.row("huge pages", PagingLevelsSection::hugePages);
    return t.render();
  }

  /** The leaf sizes above the base page, e.g. {@code 2 MiB, 1 GiB}. */
  private static String hugePages(DemoMachine m) {
    List<String> sizes = m.layout().levels().stream()
        .filter(l -> l.leafSize() > m.layout().pageSize())
        .sorted(Comparator.comparingLong(LevelRow::leafSize))
        .map(l -> Sizes.of(l.leafSize()))
        .toList();
    return sizes.isEmpty() ? "-" : String.join(", ", sizes);
  }

  private static String cell(LevelRow l) {
    return l.folded() ? "folded" : l.shift() + "/" + l.bits() + "  " + l.entries();
  }
}
