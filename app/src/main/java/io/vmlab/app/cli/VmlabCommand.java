package io.vmlab.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code vmlab} command: without a subcommand it prints its usage. */
@Command(
    name = "vmlab",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "A simulator of the Linux virtual-memory subsystem: IA-32 and x86-64 paging, address-space",
      "layouts and policies as plugins, machines described in YAML."
    },
    subcommands = {
      DemoCommand.class, LayoutCommand.class, TranslateCommand.class, PluginsCommand.class, ScriptCommand.class,
      ConformCommand.class, RunCommand.class, ReplayCommand.class, TraceCommand.class, BenchCommand.class,
      MergeCommand.class, ExecCommand.class, HelpCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  vmlab demo",
      "  vmlab layout --machine x86_64-4level",
      "  vmlab translate --machine ia32-2level 0x08048000 0xc0000000",
      "  vmlab plugins",
      "  vmlab script --machine x86_64-4level conformance/scenarios/fixed-over-middle.yaml",
      "  vmlab conform",
      "  vmlab merge -o out/all out/part1 out/part2",
      "  vmlab exec --machine x86_64-4level --name ./a.out --env A=1 conformance/exec/bin/x86_64-tiny-static",
      "  vmlab bench vma"
    })
public final class VmlabCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("vmlab: missing command");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
