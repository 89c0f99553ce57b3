package io.vmlab.app.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * A plugin the host loaded and started.
 *
 * @param id its {@code Plugin-Id}
 * @param version its {@code Plugin-Version}
 * @param description its {@code Plugin-Description}
 * @param path the jar it came from
 * @param extensions what it provides, ordered by kind then name
 */
public record LoadedPlugin(String id, String version, String description, Path path, List<ExtensionInfo> extensions) {
  public LoadedPlugin {
    extensions = List.copyOf(extensions);
  }
}
