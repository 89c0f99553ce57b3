package io.vmlab.app.plugin;

import io.vmlab.api.arch.Architecture;
import io.vmlab.api.plugin.GuiceModuleContribution;
import io.vmlab.api.policy.FaultAroundPolicy;
import io.vmlab.api.policy.LayoutPolicy;
import io.vmlab.api.policy.OomPolicy;
import io.vmlab.api.policy.ReplacementPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every discovered extension by kind and name, in name order. Built by {@link #of}, which refuses
 * two extensions of one kind with the same name.
 */
public final class PluginRegistry {
  private final Map<ExtensionKind, Map<String, ExtensionInfo>> byKind;
  private final List<GuiceModuleContribution> guiceModules;

  private PluginRegistry(Map<ExtensionKind, Map<String, ExtensionInfo>> byKind, List<GuiceModuleContribution> modules) {
    this.byKind = byKind;
    this.guiceModules = List.copyOf(modules);
  }

  /**
   * The registry of {@code plugins}' extensions.
   *
   * @param problems receives one line per duplicate name
   */
  public static PluginRegistry of(List<LoadedPlugin> plugins, List<String> problems) {
    Map<ExtensionKind, Map<String, ExtensionInfo>> byKind = new EnumMap<>(ExtensionKind.class);
    Map<String, LoadedPlugin> pluginById = new TreeMap<>();
    List<GuiceModuleContribution> modules = new ArrayList<>();
    for (ExtensionKind kind : ExtensionKind.values()) {
      byKind.put(kind, new TreeMap<>());
    }
    for (LoadedPlugin plugin : plugins) {
      pluginById.put(plugin.id(), plugin);
      for (ExtensionInfo ext : plugin.extensions()) {
        if (ext.kind() == ExtensionKind.GUICE_MODULE) {
          modules.add((GuiceModuleContribution) ext.instance());
          continue;
        }
        ExtensionInfo earlier = byKind.get(ext.kind()).putIfAbsent(ext.name(), ext);
        if (earlier != null) {
          problems.add("two plugins provide the " + ext.kind().label() + " '" + ext.name() + "': "
              + describe(pluginById.get(earlier.pluginId()), earlier) + " and " + describe(plugin, ext)
              + " (remove one of the jars)");
        }
      }
    }
    byKind.replaceAll((k, m) -> Collections.unmodifiableMap(m));
    return new PluginRegistry(byKind, modules);
  }

  private static String describe(LoadedPlugin plugin, ExtensionInfo ext) {
    return "'" + plugin.id() + "' (" + plugin.path().getFileName() + ", " + ext.className() + ")";
  }

  /** The extensions of one kind by name (Guice modules excluded). */
  public Map<String, ExtensionInfo> extensions(ExtensionKind kind) {
    return byKind.get(kind);
  }

  /** The names of one kind's extensions, sorted. */
  public List<String> names(ExtensionKind kind) {
    return List.copyOf(byKind.get(kind).keySet());
  }

  /** Architectures by id. */
  public Map<String, Architecture> architectures() {
    return instances(ExtensionKind.ARCHITECTURE, Architecture.class);
  }

  /** Replacement policies by name. */
  public Map<String, ReplacementPolicy> replacementPolicies() {
    return instances(ExtensionKind.REPLACEMENT, ReplacementPolicy.class);
  }

  /** Layout policies by name. */
  public Map<String, LayoutPolicy> layoutPolicies() {
    return instances(ExtensionKind.LAYOUT, LayoutPolicy.class);
  }

  /** Fault-around policies by name. */
  public Map<String, FaultAroundPolicy> faultAroundPolicies() {
    return instances(ExtensionKind.FAULT_AROUND, FaultAroundPolicy.class);
  }

  /** OOM policies by name. */
  public Map<String, OomPolicy> oomPolicies() {
    return instances(ExtensionKind.OOM, OomPolicy.class);
  }

  /** The Guice modules plugins contribute, in plugin order. */
  public List<GuiceModuleContribution> guiceModules() {
    return guiceModules;
  }

  private <T> Map<String, T> instances(ExtensionKind kind, Class<T> type) {
    Map<String, T> out = new TreeMap<>();
    byKind.get(kind).forEach((name, ext) -> out.put(name, type.cast(ext.instance())));
    return Collections.unmodifiableMap(out);
  }
}
