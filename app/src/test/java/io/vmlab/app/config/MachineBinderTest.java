package io.vmlab.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.KernelVersion;
import io.vmlab.app.TestPaths;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.config.MachineSpec.KernelSettings;
import io.vmlab.kernel.config.MachineSpec.Limits;
import io.vmlab.kernel.config.MachineSpec.Overcommit;
import io.vmlab.kernel.config.MachineSpec.PolicyNames;
import io.vmlab.kernel.config.MachineSpec.Thp;
import io.vmlab.kernel.config.MachineSpec.TlbSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every key reaches its own MachineSpec field: a file with no default value anywhere. */
class MachineBinderTest {
  private static PluginHost host;

  @TempDir
  Path dir;

  @BeforeAll
  static void loadPlugins() {
    host = PluginHost.load(TestPaths.plugins());
  }

  @AfterAll
  static void unloadPlugins() {
    host.close();
  }

  @Test
  void everyKeyBindsToItsField() throws IOException {
    Path f = dir.resolve("full.yaml");
    Files.writeString(f, """
        machine:
          name: lab-box
          arch: ia32
          paging: pae
          split: 2G/2G
          memory: 0x2000_0000
          swap: 1G
          kernel:
            version: "6.18"
            mmap_min_addr: 4K
            overcommit: NEVER
            overcommit_ratio: 80
            max_map_count: 1000
            thp: always
            vsyscall: none
            pti: false
            fault_around_bytes: 16K
            stack_guard_gap: 1
            randomize_va_space: 1
            legacy_va_layout: true
            nx: false
            soft_dirty: false
          tlb: {entries: 128, ways: 8}
          policies: {replacement: fifo, layout: linux, fault_around: linux, oom: linux}
          limits: {stack: unlimited, data: 1G, as: 3G, memlock: 64K}
          randomize: true
          seed: 0xdeadbeef
          cpu: {hwcap: 0x178bfbff, hwcap2: 2, minsigstksz: 0xd30}
        """);
    MachineSpec s = MachineLoader.load(f, host.registry()).spec();
    assertEquals("lab-box", s.name());
    assertEquals("ia32", s.arch());
    assertEquals("pae", s.paging());
    assertEquals("2G/2G", s.split());
    assertEquals(512L << 20, s.memoryBytes());
    assertEquals(1L << 30, s.swapBytes());
    KernelSettings k = s.kernel();
    assertEquals(KernelVersion.V6_18, k.version());
    assertEquals(4096, k.mmapMinAddr());
    assertEquals(Overcommit.NEVER, k.overcommit());
    assertEquals(80, k.overcommitRatio());
    assertEquals(1000, k.maxMapCount());
    assertEquals(Thp.ALWAYS, k.thp());
    assertEquals("none", k.vsyscall());
    assertFalse(k.pti());
    assertEquals(16384, k.faultAroundBytes());
    assertEquals(1, k.stackGuardGapPages());
    assertEquals(1, k.randomizeVaSpace());
    assertTrue(k.legacyVaLayout());
    assertFalse(k.nx());
    assertFalse(k.softDirty());
    assertEquals(new TlbSpec(128, 8), s.tlb());
    assertEquals(new PolicyNames("fifo", "linux", "linux", "linux"), s.policies());
    assertEquals(new Limits(-1, 1L << 30, 3L << 30, 64L << 10), s.limits());
    assertTrue(s.randomize());
    assertEquals(0xdeadbeefL, s.seed());
    assertEquals(new MachineSpec.CpuSpec(0x178bfbffL, 2, 0xd30), s.cpu());
  }

  @Test
  void omittedKeysTakeTheirDefaults() throws IOException {
    Path f = dir.resolve("minimal.yaml");
    Files.writeString(f, "machine:\n  arch: ia32\n");
    MachineSpec s = MachineLoader.load(f, host.registry()).spec();
    MachineSpec d = MachineSpec.defaults("ia32", "2level");
    assertEquals("minimal", s.name());
    assertEquals("2level", s.paging(), "the architecture's first paging mode");
    assertEquals(null, s.split());
    assertEquals(d.kernel(), s.kernel());
    assertEquals(d.limits(), s.limits());
    assertEquals(d.memoryBytes(), s.memoryBytes());
    assertEquals(MachineSpec.CpuSpec.defaults(), s.cpu());
  }
}
