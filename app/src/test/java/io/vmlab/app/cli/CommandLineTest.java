package io.vmlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.ApiVersion;
import io.vmlab.app.CliRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line's contract: help and version everywhere, exit codes 0, 1 and 2. */
class CommandLineTest {
  @Test
  void helpDocumentsTheCommandsAndExitCodes() {
    CliRun.Result r = CliRun.vmlab("--help");
    assertEquals(0, r.code());
    for (String s : List.of("demo", "layout", "translate", "plugins", "--verbose", "--plugins-dir", "Exit codes:",
        "usage or configuration error")) {
      assertTrue(r.out().contains(s), "missing '" + s + "' in\n" + r.out());
    }
  }

  @Test
  void everySubcommandHasHelpAndVersion() {
    for (String cmd : List.of("demo", "layout", "translate", "plugins")) {
      CliRun.Result help = CliRun.vmlab(cmd, "--help");
      assertEquals(0, help.code(), cmd);
      assertTrue(help.out().contains("Usage: vmlab " + cmd), help.out());
      assertTrue(help.out().contains("Exit codes:"), cmd);
      CliRun.Result version = CliRun.vmlab(cmd, "--version");
      assertEquals(0, version.code(), cmd);
      assertTrue(version.out().contains("vmlab " + ApiVersion.VMLAB), version.out());
    }
  }

  @Test
  void versionNamesVmlabAndTheKernelApi() {
    CliRun.Result r = CliRun.vmlab("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("vmlab " + ApiVersion.VMLAB + "\nkernel API " + ApiVersion.API + "\n"), r.out());
  }

  @Test
  void unknownCommandIsAUsageError() {
    CliRun.Result r = CliRun.vmlab("layuot");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Unmatched argument"), r.err());
    assertTrue(r.err().contains("layout"), "suggests the closest command: " + r.err());
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun.Result r = CliRun.vmlab("layout", "--machine", "ia32-2level", "--colour");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("vmlab: Unknown option: '--colour'"), r.err());
    assertTrue(r.err().contains("Try 'vmlab layout --help'"), r.err());
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    CliRun.Result r = CliRun.vmlab("translate", "0x1000");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Missing required option: '--machine"), r.err());
  }

  @Test
  void noCommandPrintsUsageAndIsAUsageError() {
    CliRun.Result r = CliRun.vmlab();
    assertEquals(2, r.code());
    assertTrue(r.err().contains("missing command"), r.err());
    assertTrue(r.err().contains("Usage: vmlab"), r.err());
  }

  @Test
  void globalOptionsWorkBeforeAndAfterTheSubcommand() {
    CliRun.Result before = CliRun.vmlab("--plugins-dir", "/nonexistent-vmlab-plugins", "plugins");
    CliRun.Result after = CliRun.vmlab("plugins", "--plugins-dir", "/nonexistent-vmlab-plugins");
    assertEquals(2, before.code());
    assertEquals(before.err(), after.err());
    assertTrue(before.err().contains("/nonexistent-vmlab-plugins does not exist"), before.err());
  }
}
