package io.vmlab.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.vmlab.api.arch.Architecture;
import io.vmlab.api.policy.FaultAroundPolicy;
import io.vmlab.api.policy.LayoutPolicy;
import io.vmlab.api.policy.OomPolicy;
import io.vmlab.api.policy.ReplacementPolicy;
import io.vmlab.app.plugin.PluginRegistry;
import java.util.Map;

/**
 * Binds each discovered extension into the map {@link io.vmlab.kernel.KernelModule} declares for
 * its kind, under the name machines use ({@code Map<String, Architecture>} gets {@code "ia32"} and
 * {@code "x86_64"}, ...). Nothing is hard-wired: the maps hold exactly what the plugins provide.
 */
public final class ExtensionBindingsModule extends AbstractModule {
  private final PluginRegistry registry;

  /** Binds the extensions of {@code registry}. */
  public ExtensionBindingsModule(PluginRegistry registry) {
    this.registry = registry;
  }

  @Override
  protected void configure() {
    bindAll(Architecture.class, registry.architectures());
    bindAll(ReplacementPolicy.class, registry.replacementPolicies());
    bindAll(LayoutPolicy.class, registry.layoutPolicies());
    bindAll(FaultAroundPolicy.class, registry.faultAroundPolicies());
    bindAll(OomPolicy.class, registry.oomPolicies());
  }

  private <T> void bindAll(Class<T> type, Map<String, T> byName) {
    MapBinder<String, T> map = MapBinder.newMapBinder(binder(), String.class, type);
    byName.forEach((name, extension) -> map.addBinding(name).toInstance(extension));
  }
}
