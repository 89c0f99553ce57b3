package io.vmlab.app.config;

import io.vmlab.api.arch.ArchModel;
import io.vmlab.api.arch.LevelGeometry;
import io.vmlab.api.arch.PageLevel;
import io.vmlab.app.format.Sizes;
import io.vmlab.app.plugin.ExtensionKind;
import io.vmlab.app.plugin.PluginRegistry;
import io.vmlab.kernel.KernelModule;
import io.vmlab.kernel.config.MachineConfigException;
import io.vmlab.kernel.config.MachineSpec;
import java.util.List;
import java.util.Set;

/**
 * Checks a bound machine against the loaded plugins: the architecture, its paging mode and split
 * (asked of the architecture itself, through {@link KernelModule#configureArch}) and each policy
 * name. Keys that already failed to parse are not checked again.
 */
final class MachineValidator {
  private MachineValidator() {}

  /** Records a problem for each name the plugins do not provide; skips the keys in {@code failed}. */
  static void validate(MachineSpec spec, Set<String> failed, PluginRegistry registry, KeyMarks marks,
      Problems problems) {
    if (!failed.contains("machine.arch")) {
      checkArch(spec, failed, registry, marks, problems);
    }
    MachineSpec.PolicyNames p = spec.policies();
    checkPolicy("replacement", p.replacement(), ExtensionKind.REPLACEMENT, failed, registry, marks, problems);
    checkPolicy("layout", p.layout(), ExtensionKind.LAYOUT, failed, registry, marks, problems);
    checkPolicy("fault_around", p.faultAround(), ExtensionKind.FAULT_AROUND, failed, registry, marks, problems);
    checkPolicy("oom", p.oom(), ExtensionKind.OOM, failed, registry, marks, problems);
  }

  private static void checkArch(MachineSpec spec, Set<String> failed, PluginRegistry registry, KeyMarks marks,
      Problems problems) {
    ArchModel model;
    try {
      model = KernelModule.configureArch(spec, registry.architectures());
    } catch (MachineConfigException e) {
      String hint = e.key().equals("arch") ? suggestion(spec.arch(), registry.names(ExtensionKind.ARCHITECTURE)) : "";
      problems.add(marks.positionOf("machine." + e.key()), "machine." + e.key() + ": " + e.getMessage() + hint);
      return;
    }
    // Linux refuses fault_around_bytes above what one PTE table maps (mm/memory.c).
    LevelGeometry pte = model.geometry().level(PageLevel.PTE);
    long tableSpan = (long) pte.entries() << pte.shift();
    long faultAround = spec.kernel().faultAroundBytes();
    if (!failed.contains("machine.kernel.fault_around_bytes") && faultAround > tableSpan) {
      problems.add(marks.positionOf("machine.kernel.fault_around_bytes"), "machine.kernel.fault_around_bytes: "
          + Sizes.of(faultAround) + " is more than one page table maps on " + spec.arch() + " " + spec.paging()
          + " (" + Sizes.of(tableSpan) + ")");
    }
  }

  private static void checkPolicy(String key, String name, ExtensionKind kind, Set<String> failed,
      PluginRegistry registry, KeyMarks marks, Problems problems) {
    String path = "machine.policies." + key;
    if (failed.contains(path) || registry.extensions(kind).containsKey(name)) {
      return;
    }
    List<String> names = registry.names(kind);
    problems.add(marks.positionOf(path), path + ": unknown " + kind.label() + " '" + name + "' (available: "
        + (names.isEmpty() ? "none: no plugin provides one" : String.join(", ", names)) + ")"
        + suggestion(name, names));
  }

  private static String suggestion(String word, List<String> names) {
    return Suggestions.closest(word, names).map(s -> "; did you mean '" + s + "'?").orElse("");
  }
}
