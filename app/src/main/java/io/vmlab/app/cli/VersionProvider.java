package io.vmlab.app.cli;

import io.vmlab.api.ApiVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: vmlab's release, the kernel API plugins are checked against, and Java. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "vmlab " + ApiVersion.VMLAB,
      "kernel API " + ApiVersion.API,
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
