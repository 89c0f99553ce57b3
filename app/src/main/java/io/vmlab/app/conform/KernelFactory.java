package io.vmlab.app.conform;

import com.google.inject.Guice;
import com.google.inject.Module;
import io.vmlab.api.plugin.GuiceModuleContribution;
import io.vmlab.app.plugin.PluginRegistry;
import io.vmlab.app.wiring.ExtensionBindingsModule;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.KernelModule;
import io.vmlab.kernel.config.MachineSpec;
import java.util.ArrayList;
import java.util.List;

/** Builds a fresh kernel for a machine description through Guice, with the loaded plugins. */
public final class KernelFactory {
  private final PluginRegistry registry;

  public KernelFactory(PluginRegistry registry) {
    this.registry = registry;
  }

  /** A new kernel (fresh memory, no processes). */
  public Kernel create(MachineSpec spec) {
    List<Module> modules = new ArrayList<>();
    modules.add(new KernelModule(spec));
    modules.add(new ExtensionBindingsModule(registry));
    for (GuiceModuleContribution c : registry.guiceModules()) {
      modules.add(c.module());
    }
    return Guice.createInjector(modules).getInstance(Kernel.class);
  }
}
