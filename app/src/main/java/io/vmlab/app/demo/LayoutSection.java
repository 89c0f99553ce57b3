package io.vmlab.app.demo;

import io.vmlab.app.format.Hex;
import io.vmlab.app.format.Sizes;
import io.vmlab.app.inspect.AbiLayout;
import java.util.List;
import java.util.function.Function;

/** The native process layout of every machine, with randomization off. */
final class LayoutSection implements DemoSection {
  @Override
  public String title() {
    return "Where a native process's pieces go (randomization off, each machine's stack rlimit: 8 MiB by default)";
  }

  @Override
  public String render(List<DemoMachine> machines) {
    SideBySide t = new SideBySide("constant", machines);
    t.row("split", m -> m.layout().split().isEmpty() ? "fixed" : m.layout().split());
    t.row("PAGE_OFFSET", m -> Hex.of(m.layout().pageOffset()));
    t.row("TASK_SIZE", abi(a -> Hex.of(a.taskSize())));
    t.row("  (user space)", abi(a -> Sizes.of(a.taskSize())));
    t.row("STACK_TOP", abi(a -> Hex.of(a.stackTop())));
    t.row("mmap_base", abi(a -> Hex.of(a.mmapBase())));
    t.row("TASK_UNMAPPED_BASE", abi(a -> Hex.of(a.taskUnmappedBase())));
    t.row("ELF_ET_DYN_BASE", abi(a -> Hex.of(a.elfEtDynBase())));
    t.row("text base (non-PIE)", abi(a -> Hex.of(a.textBase())));
    return t.render();
  }

  private static Function<DemoMachine, String> abi(Function<AbiLayout, String> f) {
    return m -> f.apply(m.layout().nativeAbi());
  }
}
