package io.vmlab.app.plugin;

import io.vmlab.app.UserError;
import java.util.List;

/** One or more plugins could not be loaded: one line per problem, naming the jar and the reason. */
public final class PluginLoadException extends UserError {
  private static final long serialVersionUID = 1L;

  /** The problems, one line each. */
  public PluginLoadException(List<String> lines, Throwable cause) {
    super(lines, cause);
  }
}
