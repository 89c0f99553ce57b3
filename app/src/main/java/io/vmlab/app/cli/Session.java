package io.vmlab.app.cli;

import io.vmlab.app.VmlabHome;
import io.vmlab.app.config.LoadedMachine;
import io.vmlab.app.config.MachineLoader;
import io.vmlab.app.config.MachineLocator;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.wiring.Machine;
import io.vmlab.app.wiring.MachineWiring;
import picocli.CommandLine.Model.CommandSpec;

/** What a command needs from its environment: the plugins and machines, found as the options say. */
final class Session {
  private final GlobalOptions options;

  private Session(GlobalOptions options) {
    this.options = options;
  }

  /** The session of the command {@code spec}. */
  static Session of(CommandSpec spec) {
    return new Session(GlobalOptions.effective(spec));
  }

  /** Loads the plugins directory's plugins (the caller closes the host). */
  PluginHost openPlugins() {
    return PluginHost.load(VmlabHome.pluginsDir(options.pluginsDir()));
  }

  /** Reads, checks and wires the machine {@code arg} names (a file, or a bundled machine's name). */
  Machine machine(String arg, PluginHost host) {
    LoadedMachine loaded = MachineLoader.load(MachineLocator.resolve(arg), host.registry());
    return MachineWiring.boot(loaded, host.registry());
  }
}
