package io.vmlab.api.plugin;

import com.google.inject.Module;
import org.pf4j.ExtensionPoint;

/**
 * A Guice module a plugin adds to the kernel's injector. The host installs every contribution in
 * one child injector, so two plugins binding the same key is a clear configuration error.
 */
public interface GuiceModuleContribution extends ExtensionPoint {
  /** The module to install. */
  Module module();
}
