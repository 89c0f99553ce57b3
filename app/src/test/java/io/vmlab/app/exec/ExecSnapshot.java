package io.vmlab.app.exec;

import io.vmlab.api.KernelVersion;
import io.vmlab.kernel.config.MachineSpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One exec snapshot of conformance/exec/snaps (a real kernel's process at the execve() stop) and
 * the machine it was taken on: the kernel from its target block, the recording environment from
 * its directory (the 6.1 sets ran in Debian's QEMU VMs, the 6.18 set on the Firecracker host; see
 * conformance/targets.yaml), the CPU from its auxv.
 */
record ExecSnapshot(Path file, String set, Map<String, Object> doc) {
  static ExecSnapshot load(Path file) {
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(16 << 20);
    try (Reader r = Files.newBufferedReader(file)) {
      Map<String, Object> doc = new Yaml(new SafeConstructor(o)).load(r);
      return new ExecSnapshot(file, file.getParent().getFileName().toString(), doc);
    } catch (IOException e) {
      throw new IllegalStateException(file + ": " + e);
    }
  }

  String name() {
    return (String) doc.get("name");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(String key) {
    return (Map<String, Object>) doc.get(key);
  }

  @SuppressWarnings("unchecked")
  List<String> strings(Map<String, Object> m, String key) {
    return (List<String>) m.get(key);
  }

  /** The execve() path, argv and envp. */
  String path() {
    return (String) map("program").get("path");
  }

  List<String> argv() {
    return strings(map("program"), "argv");
  }

  List<String> envp() {
    return strings(map("program"), "envp");
  }

  @SuppressWarnings("unchecked")
  List<String> maps() {
    return (List<String>) doc.get("maps");
  }

  /** The auxv as the kernel saved it: [name, value] pairs. */
  @SuppressWarnings("unchecked")
  List<String[]> auxv() {
    List<String[]> out = new ArrayList<>();
    for (Map<String, Object> e : (List<Map<String, Object>>) map("proc_auxv").get("entries")) {
      out.add(new String[] {(String) e.get("type"), (String) e.get("value")});
    }
    return out;
  }

  long aux(String type) {
    for (String[] e : auxv()) {
      if (e[0].equals(type)) {
        return Long.decode(e[1]);
      }
    }
    return -1;
  }

  long stackValue(String key) {
    return Long.decode((String) map("stack").get(key));
  }

  /** The stack bytes from sp to the end of the stack VMA. */
  @SuppressWarnings("unchecked")
  byte[] stackBytes() {
    StringBuilder hex = new StringBuilder();
    for (String line : (List<String>) map("stack").get("bytes")) {
      hex.append(line.substring(line.indexOf(' ') + 1).trim());
    }
    return HexFormat.of().parseHex(hex);
  }

  /** The snapshot's machine. */
  @SuppressWarnings("unchecked")
  MachineSpec machine() {
    Map<String, Object> t = map("target");
    Map<String, Object> sysctl = (Map<String, Object>) t.get("sysctl");
    boolean x64 = "x86_64".equals(t.get("kernel_arch"));
    boolean qemu = set.startsWith("linux-6.1-");
    String arch = x64 ? "x86_64" : "ia32";
    String paging = x64 ? (set.contains("la57") ? "5level" : "4level") : (set.contains("pae") ? "pae" : "2level");
    MachineSpec d = MachineSpec.defaults(arch, paging);
    MachineSpec.KernelSettings k = d.kernel();
    long minAddr = Math.max(Long.parseLong(sysctl.get("mmap_min_addr").toString()), qemu ? 0 : 65536);
    MachineSpec.KernelSettings ks = new MachineSpec.KernelSettings(KernelVersion.parse((String) t.get("kernel")),
        minAddr, k.overcommit(), k.overcommitRatio(), k.maxMapCount(), MachineSpec.Thp.MADVISE,
        qemu ? "none" : "xonly", qemu, k.faultAroundBytes(), k.stackGuardGapPages(),
        Integer.parseInt(sysctl.get("randomize_va_space").toString()), false, !set.contains("pae"), qemu);
    MachineSpec.Limits limits = new MachineSpec.Limits(((Number) t.get("rlimit_stack")).longValue(), -1, -1, 8L << 20);
    return new MachineSpec(set + "/" + name(), arch, paging, null, 256L << 20, 0, ks, d.tlb(), d.policies(), limits,
        false, 1, new MachineSpec.CpuSpec(aux("AT_HWCAP"), aux("AT_HWCAP2"), aux("AT_MINSIGSTKSZ")));
  }

  /** The interpreter path PT_INTERP names, or null. */
  String interp() {
    return (String) map("elf").get("interp");
  }

  /** The file this snapshot's program came from: the shipped binary, or its readelf text. */
  Path programBinary(Path execDir) {
    return execDir.resolve("bin").resolve(name());
  }

  Path readelf(String base) {
    return file.getParent().resolve(base + ".readelf.txt");
  }
}
