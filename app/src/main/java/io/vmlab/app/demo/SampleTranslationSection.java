package io.vmlab.app.demo;

import io.vmlab.app.format.Hex;
import io.vmlab.app.format.TextTable;
import io.vmlab.app.inspect.TranslationText;
import java.util.List;

/** One address per machine, split into its page-walk indices. */
final class SampleTranslationSection implements DemoSection {
  @Override
  public String title() {
    return "The first page mmap hands out (mmap_base - 4 KiB: where ld.so lands), as each MMU walks it";
  }

  @Override
  public String render(List<DemoMachine> machines) {
    TextTable t = new TextTable("machine", "address", "index at each level that has a table");
    for (DemoMachine m : machines) {
      t.row(m.name(), Hex.of(m.sample().address()), TranslationText.oneLine(m.sample()));
    }
    return t.render("  ");
  }
}
