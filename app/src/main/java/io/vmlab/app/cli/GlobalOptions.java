package io.vmlab.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Options every command accepts, before or after the subcommand name ({@code vmlab --verbose
 * layout ...} or {@code vmlab layout --verbose ...}). Mixed into each command; {@link
 * #effective} combines the copies along the command chain.
 */
public final class GlobalOptions {
  /** The name this mixin has in every command. */
  static final String MIXIN_NAME = "global";

  @Option(names = "--verbose", description = "Show debug logging and stack traces of errors.")
  boolean verbose;

  @Option(names = "--plugins-dir", paramLabel = "DIR",
      description = "Load plugin jars from DIR (default: -Dvmlab.plugins, $VMLAB_PLUGINS, "
          + "or <vmlab.home>/app/target/plugins).")
  Path pluginsDir;

  /** The effective options for the command {@code spec}: given anywhere on its command chain. */
  static GlobalOptions effective(CommandSpec spec) {
    GlobalOptions merged = new GlobalOptions();
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      CommandSpec mixin = s.mixins().get(MIXIN_NAME);
      if (mixin != null && mixin.userObject() instanceof GlobalOptions g) {
        merged.verbose |= g.verbose;
        if (merged.pluginsDir == null) {
          merged.pluginsDir = g.pluginsDir;
        }
      }
    }
    return merged;
  }

  /** Whether --verbose was given. */
  public boolean verbose() {
    return verbose;
  }

  /** The --plugins-dir value, or null. */
  public Path pluginsDir() {
    return pluginsDir;
  }
}
