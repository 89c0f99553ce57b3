package io.vmlab.app.cli;

import io.vmlab.api.ApiVersion;
import io.vmlab.app.VmlabHome;
import io.vmlab.app.format.TextTable;
import io.vmlab.app.plugin.ExtensionInfo;
import io.vmlab.app.plugin.LoadedPlugin;
import io.vmlab.app.plugin.PluginHost;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vmlab plugins}: every loaded plugin with its extensions. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "List the loaded plugins: id, version, jar, and the architectures and policies each provides.")
final class PluginsCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    String text;
    try (PluginHost host = Session.of(spec).openPlugins()) {
      text = render(host);
    }
    spec.commandLine().getOut().print(text);
    return ExitCodes.OK;
  }

  static String render(PluginHost host) {
    StringBuilder sb = new StringBuilder();
    sb.append(host.plugins().size()).append(" plugins in ").append(VmlabHome.display(host.directory()))
        .append(" (kernel API ").append(ApiVersion.API).append(")\n");
    for (LoadedPlugin p : host.plugins()) {
      sb.append('\n').append(p.id()).append(' ').append(p.version()).append("  ")
          .append(VmlabHome.display(p.path())).append('\n');
      if (!p.description().isBlank()) {
        sb.append("  ").append(p.description().strip()).append('\n');
      }
      TextTable t = new TextTable("kind", "name", "description");
      for (ExtensionInfo e : p.extensions()) {
        t.row(e.kind().label(), e.name(), e.description());
      }
      sb.append(t.render("  "));
    }
    return sb.toString();
  }
}
