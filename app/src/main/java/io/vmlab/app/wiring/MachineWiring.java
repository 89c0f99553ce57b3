package io.vmlab.app.wiring;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import io.vmlab.api.arch.ArchModel;
import io.vmlab.api.plugin.GuiceModuleContribution;
import io.vmlab.app.UserError;
import io.vmlab.app.config.ConfigException;
import io.vmlab.app.config.LoadedMachine;
import io.vmlab.app.plugin.PluginRegistry;
import io.vmlab.kernel.KernelModule;
import io.vmlab.kernel.PolicySet;
import io.vmlab.kernel.config.MachineConfigException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Builds one machine's injector: {@link KernelModule} for the machine, {@link
 * ExtensionBindingsModule} for the plugins' extensions, and every plugin's contributed module. A
 * {@link MachineConfigException} from the kernel is reported at its key's place in the file.
 */
public final class MachineWiring {
  private MachineWiring() {}

  /** Wires {@code machine} with {@code registry}'s plugins. */
  public static Machine boot(LoadedMachine machine, PluginRegistry registry) {
    List<Module> modules = new ArrayList<>();
    modules.add(new KernelModule(machine.spec()));
    modules.add(new ExtensionBindingsModule(registry));
    for (GuiceModuleContribution contribution : registry.guiceModules()) {
      modules.add(contribution.module());
    }
    try {
      Injector injector = Guice.createInjector(modules);
      return new Machine(machine, injector, injector.getInstance(ArchModel.class),
          injector.getInstance(PolicySet.class));
    } catch (CreationException e) {
      throw translate(machine, e.getErrorMessages(), e);
    } catch (ProvisionException e) {
      throw translate(machine, e.getErrorMessages(), e);
    }
  }

  private static RuntimeException translate(LoadedMachine machine, Collection<Message> messages, RuntimeException e) {
    for (Message m : messages) {
      for (Throwable t = m.getCause(); t != null; t = t.getCause()) {
        if (t instanceof MachineConfigException mce) {
          return new ConfigException(List.of(machine.problemAt(mce.key(), "machine." + mce.key() + ": "
              + mce.getMessage())), e);
        }
      }
    }
    List<String> lines = messages.stream()
        .map(m -> "cannot wire machine '" + machine.spec().name() + "': "
            + m.getMessage().lines().findFirst().orElse(""))
        .distinct()
        .toList();
    return new UserError(lines.isEmpty() ? List.of("cannot wire machine: " + e.getMessage()) : lines, e);
  }
}
