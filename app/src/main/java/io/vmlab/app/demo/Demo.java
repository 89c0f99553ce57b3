package io.vmlab.app.demo;

import io.vmlab.app.inspect.LayoutCalculator;
import io.vmlab.app.inspect.LayoutReport;
import io.vmlab.app.inspect.Translator;
import io.vmlab.app.wiring.Machine;
import java.util.List;

/** The demo: its default machines, its sections, and the text they make together. */
public final class Demo {
  /** The bundled machines the demo compares when none are named. */
  public static final List<String> DEFAULT_MACHINES =
      List.of("ia32-2level", "ia32-pae", "x86_64-4level", "x86_64-5level");

  private Demo() {}

  /** The sections, in output order. Later issues append the quick-start experiment here. */
  public static List<DemoSection> sections() {
    return List.of(new PagingLevelsSection(), new LayoutSection(), new SampleTranslationSection());
  }

  /** What the demo shows of one wired machine. */
  public static DemoMachine prepare(Machine machine) {
    LayoutReport layout = LayoutCalculator.compute(machine);
    long sample = layout.nativeAbi().mmapBase() - layout.pageSize();
    return new DemoMachine(machine, layout, Translator.translate(machine.arch(), sample));
  }

  /** The whole demo text for {@code machines}. */
  public static String render(List<DemoMachine> machines) {
    StringBuilder sb = new StringBuilder();
    sb.append("vmlab demo: ").append(machines.size()).append(" machines side by side, as Linux ")
        .append(machines.get(0).layout().kernel()).append(" lays them out\n");
    for (DemoSection s : sections()) {
      sb.append('\n').append(s.title()).append('\n').append(s.render(machines));
    }
    sb.append('\n').append("What to look for\n")
        .append("  - A folded level has one entry and no table: its entry is the next level's pointer,\n")
        .append("    so the same kernel code walks 2, 3, 4 or 5 real levels.\n")
        .append("  - More levels cover more address space but cost one more memory read per TLB miss.\n")
        .append("  - mmap_base sits one stack gap (rlimit + guard gap, at least 128 MiB) below the stack.\n")
        .append('\n')
        .append("Next: vmlab layout --machine NAME, vmlab translate --machine NAME ADDR..., vmlab --help\n");
    return sb.toString();
  }
}
