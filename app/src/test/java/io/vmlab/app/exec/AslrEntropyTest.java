package io.vmlab.app.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.KernelVersion;
import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.app.CliRun;
import io.vmlab.app.TestPaths;
import io.vmlab.app.conform.KernelFactory;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.config.MachineSpec;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The measured ASLR entropy (1000 seeded execs per machine and ABI) against what Linux states:
 * mmap_rnd_bits 28 (8 for 32-bit and compat), STACK_RND_MASK 22 / 11 bits, brk 32 MiB (13 bits;
 * 1 GiB = 18 bits for 64-bit tasks from 6.9), the PIE base as many bits as mmap.
 */
class AslrEntropyTest {
  private static PluginHost host;

  @BeforeAll
  static void loadPlugins() {
    host = PluginHost.load(TestPaths.plugins());
  }

  @AfterAll
  static void unloadPlugins() {
    host.close();
  }

  private static AslrEntropy.Result run(String arch, String paging, KernelVersion v, String abi, int rvs, int n) {
    MachineSpec d = MachineSpec.defaults(arch, paging);
    MachineSpec.KernelSettings k = d.kernel();
    MachineSpec spec = new MachineSpec(arch + "-" + paging, arch, paging, null, 64L << 20, 0,
        new MachineSpec.KernelSettings(v, k.mmapMinAddr(), k.overcommit(), k.overcommitRatio(), k.maxMapCount(),
            k.thp(), k.vsyscall(), k.pti(), k.faultAroundBytes(), k.stackGuardGapPages(), rvs, false),
        d.tlb(), d.policies(), d.limits(), true, 1);
    Kernel kernel = new KernelFactory(host.registry()).create(spec);
    ProcessAbi a = kernel.arch().abi(abi).orElseThrow();
    return AslrEntropy.measure(kernel, a, n, 1);
  }

  private static Map<String, AslrEntropy.Quantity> byName(AslrEntropy.Result r) {
    Map<String, AslrEntropy.Quantity> m = new TreeMap<>();
    r.quantities().forEach(q -> m.put(q.name(), q));
    return m;
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}: mmap {4}, stack {5}, brk {6} bits")
  @CsvSource({
    "x86_64, 4level, 6.1, x86_64, 28, 22, 13",
    "x86_64, 5level, 6.1, x86_64, 28, 22, 13",
    "x86_64, 4level, 6.1, i386, 8, 11, 13",
    "ia32, 2level, 6.1, i386, 8, 11, 13",
    "ia32, pae, 6.1, i386, 8, 11, 13",
    "x86_64, 4level, 6.18, x86_64, 28, 22, 18",
    "x86_64, 4level, 6.18, i386, 8, 11, 13"
  })
  void measured_entropy_matches_linuxs_stated_bits(String arch, String paging, String version, String abi,
      int mmapBits, int stackBits, int brkBits) {
    AslrEntropy.Result r = run(arch, paging, KernelVersion.parse(version), abi, 2, 1000);
    Map<String, AslrEntropy.Quantity> q = byName(r);
    int[] stated = {mmapBits, stackBits, mmapBits, brkBits, mmapBits};
    String[] names = {"mmap_base", "stack top", "PIE base", "brk - end of bss", "ld.so (AT_BASE)"};
    for (int i = 0; i < names.length; i++) {
      AslrEntropy.Quantity x = q.get(names[i]);
      assertEquals(stated[i], x.linuxBits(), names[i]);
      assertTrue(Math.abs(x.rangeBits() - stated[i]) < 0.05,
          arch + "/" + paging + " " + version + " " + abi + " " + names[i] + ": measured " + x.rangeBits() + " bits");
      long possible = 1L << Math.min(stated[i], 30);
      assertTrue(x.distinct() >= Math.min(possible, 1000) * 0.6, names[i] + ": " + x.distinct() + " distinct");
    }
  }

  @Test
  void level_1_keeps_brk_fixed_and_level_0_randomizes_nothing() {
    Map<String, AslrEntropy.Quantity> one = byName(run("x86_64", "4level", KernelVersion.V6_1, "x86_64", 1, 200));
    assertEquals(1, one.get("brk - end of bss").distinct());
    assertEquals(0, one.get("brk - end of bss").linuxBits());
    assertEquals(200, one.get("mmap_base").distinct());
    Map<String, AslrEntropy.Quantity> zero = byName(run("ia32", "2level", KernelVersion.V6_1, "i386", 0, 50));
    zero.values().forEach(x -> assertEquals(1, x.distinct(), x.name()));
    assertEquals(0, zero.get("mmap_base").linuxBits());
  }

  @Test
  void the_command_prints_a_table_per_machine_and_abi() {
    CliRun.Result r = CliRun.vmlab("bench", "aslr", "--machine", "ia32-2level", "--samples", "300");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("ia32-2level: i386 process, Linux 6.1, randomize_va_space 2, 300 seeds\n"), r.out());
    assertTrue(r.out().matches("(?s).*\\n  mmap_base +\\d+ +0x[0-9a-f]+ +0x[0-9a-f]+ +8\\.00 +8\\n.*"), r.out());
    CliRun.Result bad = CliRun.vmlab("bench", "aslr", "--machine", "ia32-2level", "--abi", "x86_64");
    assertEquals(2, bad.code(), bad.toString());
  }
}
