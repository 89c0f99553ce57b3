package io.vmlab.kernel;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import io.vmlab.api.arch.ArchModel;
import io.vmlab.api.arch.ArchOptions;
import io.vmlab.api.arch.Architecture;
import io.vmlab.api.policy.FaultAroundPolicy;
import io.vmlab.api.policy.LayoutPolicy;
import io.vmlab.api.policy.OomPolicy;
import io.vmlab.api.policy.ReplacementPolicy;
import io.vmlab.kernel.config.MachineConfigException;
import io.vmlab.kernel.config.MachineSpec;
import java.util.Map;
import java.util.TreeSet;

/**
 * Wires one machine's kernel: binds the machine description, declares the maps plugins fill
 * (architectures and policies by name) and resolves the names the machine asks for.
 *
 * <p>Whoever loads plugins binds each extension into these maps, e.g. {@code
 * MapBinder.newMapBinder(binder(), String.class, Architecture.class).addBinding("ia32")}.
 */
public final class KernelModule extends AbstractModule {
  private final MachineSpec spec;

  public KernelModule(MachineSpec spec) {
    this.spec = spec;
  }

  @Override
  protected void configure() {
    bind(MachineSpec.class).toInstance(spec);
    MapBinder.newMapBinder(binder(), String.class, Architecture.class);
    MapBinder.newMapBinder(binder(), String.class, ReplacementPolicy.class);
    MapBinder.newMapBinder(binder(), String.class, LayoutPolicy.class);
    MapBinder.newMapBinder(binder(), String.class, FaultAroundPolicy.class);
    MapBinder.newMapBinder(binder(), String.class, OomPolicy.class);
  }

  @Provides
  @Singleton
  ArchModel archModel(Map<String, Architecture> archs) {
    return configureArch(spec, archs);
  }

  @Provides
  @Singleton
  PolicySet policies(
      Map<String, ReplacementPolicy> replacement,
      Map<String, LayoutPolicy> layout,
      Map<String, FaultAroundPolicy> faultAround,
      Map<String, OomPolicy> oom) {
    MachineSpec.PolicyNames names = spec.policies();
    return new PolicySet(
        pick("policies.replacement", "replacement policy", names.replacement(), replacement),
        pick("policies.layout", "layout policy", names.layout(), layout),
        pick("policies.fault_around", "fault-around policy", names.faultAround(), faultAround),
        pick("policies.oom", "OOM policy", names.oom(), oom));
  }

  /** Configures the machine's architecture, or names what is wrong. */
  public static ArchModel configureArch(MachineSpec spec, Map<String, Architecture> archs) {
    Architecture arch = pick("arch", "architecture", spec.arch(), archs);
    if (!arch.pagingModes().contains(spec.paging())) {
      throw new MachineConfigException("paging", "unknown paging mode '" + spec.paging() + "' for " + spec.arch()
          + " (available: " + String.join(", ", arch.pagingModes()) + ")");
    }
    MachineSpec.KernelSettings k = spec.kernel();
    try {
      return arch.configure(new ArchOptions(spec.paging(), spec.split(), k.version(), spec.memoryBytes(), k.vsyscall(), k.pti()));
    } catch (IllegalArgumentException e) {
      String key = e.getMessage() != null && e.getMessage().contains("split") ? "split" : "paging";
      throw new MachineConfigException(key, e.getMessage());
    }
  }

  private static <T> T pick(String key, String what, String name, Map<String, T> available) {
    T t = available.get(name);
    if (t == null) {
      throw new MachineConfigException(key, "unknown " + what + " '" + name + "' (available: "
          + String.join(", ", new TreeSet<>(available.keySet())) + ")");
    }
    return t;
  }
}
