package io.vmlab.app.wiring;

import com.google.inject.Injector;
import io.vmlab.api.arch.ArchModel;
import io.vmlab.app.config.LoadedMachine;
import io.vmlab.kernel.PolicySet;
import io.vmlab.kernel.config.MachineSpec;

/**
 * A machine ready to run: its description, its injector, and the architecture and policies the
 * injector resolved from the plugins.
 *
 * @param source the file it was read from
 * @param injector the machine's injector (later issues ask it for the kernel)
 * @param arch the configured architecture
 * @param policies the policies by kind
 */
public record Machine(LoadedMachine source, Injector injector, ArchModel arch, PolicySet policies) {
  /** The machine description. */
  public MachineSpec spec() {
    return source.spec();
  }
}
