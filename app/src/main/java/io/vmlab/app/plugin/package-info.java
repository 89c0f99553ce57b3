/**
 * The PF4J plugin host. {@link io.vmlab.app.plugin.PluginHost} loads every jar of the plugins
 * directory in deployment mode, one at a time so that a broken jar is reported by name, checks
 * each against the kernel API version, discovers the architecture and policy extensions they
 * declare, and keeps them in a {@link io.vmlab.app.plugin.PluginRegistry} by kind and name.
 */
package io.vmlab.app.plugin;
