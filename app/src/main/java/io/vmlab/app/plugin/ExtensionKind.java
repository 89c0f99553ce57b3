package io.vmlab.app.plugin;

import io.vmlab.api.arch.Architecture;
import io.vmlab.api.plugin.GuiceModuleContribution;
import io.vmlab.api.policy.FaultAroundPolicy;
import io.vmlab.api.policy.LayoutPolicy;
import io.vmlab.api.policy.OomPolicy;
import io.vmlab.api.policy.ReplacementPolicy;

/** The extension points of kernel-api the host discovers, with how each names itself. */
public enum ExtensionKind {
  ARCHITECTURE(Architecture.class, "architecture"),
  REPLACEMENT(ReplacementPolicy.class, "replacement policy"),
  LAYOUT(LayoutPolicy.class, "layout policy"),
  FAULT_AROUND(FaultAroundPolicy.class, "fault-around policy"),
  OOM(OomPolicy.class, "OOM policy"),
  GUICE_MODULE(GuiceModuleContribution.class, "Guice module");

  private final Class<?> type;
  private final String label;

  ExtensionKind(Class<?> type, String label) {
    this.type = type;
    this.label = label;
  }

  /** The extension point interface. */
  public Class<?> type() {
    return type;
  }

  /** How messages and listings call it, e.g. {@code replacement policy}. */
  public String label() {
    return label;
  }

  /** The name machines use for {@code extension} ({@code id()} or {@code name()}). */
  public String nameOf(Object extension) {
    if (extension instanceof Architecture a) {
      return a.id();
    } else if (extension instanceof ReplacementPolicy p) {
      return p.name();
    } else if (extension instanceof LayoutPolicy p) {
      return p.name();
    } else if (extension instanceof FaultAroundPolicy p) {
      return p.name();
    } else if (extension instanceof OomPolicy p) {
      return p.name();
    }
    return extension.getClass().getName();
  }

  /** The one-line description the extension gives of itself. */
  public String descriptionOf(Object extension) {
    if (extension instanceof Architecture a) {
      return a.description();
    } else if (extension instanceof ReplacementPolicy p) {
      return p.description();
    } else if (extension instanceof LayoutPolicy p) {
      return p.description();
    } else if (extension instanceof FaultAroundPolicy p) {
      return p.description();
    } else if (extension instanceof OomPolicy p) {
      return p.description();
    }
    return "contributes a Guice module to every machine's injector";
  }
}
