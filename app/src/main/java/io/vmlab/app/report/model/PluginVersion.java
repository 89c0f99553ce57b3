package io.vmlab.app.report.model;

import java.util.Objects;

/**
 * A plugin that took part in an experiment.
 *
 * @param id its Plugin-Id
 * @param version its Plugin-Version
 */
public record PluginVersion(String id, String version) {
  public PluginVersion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
  }
}
