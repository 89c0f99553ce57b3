package io.vmlab.app.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmlab.app.CliRun;
import io.vmlab.app.TestPaths;
import io.vmlab.app.format.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmlab exec} end to end: the snapshots through the command line, and bad programs. */
class ExecCommandTest {
  @TempDir
  Path dir;

  private static Path bin(String name) {
    return TestPaths.home().resolve("conformance/exec/bin").resolve(name);
  }

  private static Path snap(String set, String name) {
    return TestPaths.home().resolve("conformance/exec/snaps").resolve(set).resolve(name + ".yaml");
  }

  /** A machine file like Debian's 6.1 QEMU VMs (no [vsyscall]), or the 6.18 host with its CPU. */
  private Path machine(String name, String text) throws IOException {
    Path f = dir.resolve(name + ".yaml");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void json_reproduces_the_6_1_snapshot_of_a_static_program() throws IOException {
    Path m = machine("qemu-amd64", "machine:\n  arch: x86_64\n  kernel: {vsyscall: none, randomize_va_space: 0}\n");
    CliRun.Result r = CliRun.vmlab("exec", "--machine", m.toString(), "--name", "./x86_64-static-nopie",
        "--path", "/prog/x86_64-static-nopie", "--inode", "35", "--env", "A=1", "--json",
        bin("x86_64-static-nopie").toString());
    assertEquals(0, r.code(), r.toString());
    JsonNode doc = Json.mapper().readTree(r.out());
    List<String> keys = new ArrayList<>();
    doc.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("maps", "auxv", "sp", "brk", "stack"), keys);
    ExecSnapshot s = ExecSnapshot.load(snap("linux-6.1-amd64", "x86_64-static-nopie"));
    List<String> maps = new ArrayList<>();
    doc.get("maps").forEach(n -> maps.add(n.asText()));
    assertEquals(s.maps(), maps);
    List<String[]> want = s.auxv();
    Iterator<JsonNode> aux = doc.get("auxv").iterator();
    for (String[] w : want) {
      JsonNode e = aux.next();
      assertEquals(w[0], e.get("type").asText());
      assertEquals(w[1], e.get("value").asText());
    }
    assertEquals("0x7fffffffee30", doc.get("sp").asText());
    assertEquals("0x4ac000", doc.get("brk").asText());
    String stack = doc.get("stack").asText();
    assertEquals(2 + 2 * 0x1d0, stack.length(), "the bytes from sp to the top of the stack");
    String want0 = java.util.HexFormat.of().formatHex(s.stackBytes());
    long rnd = Long.decode(want.stream().filter(e -> e[0].equals("AT_RANDOM")).findFirst().orElseThrow()[1]);
    int at = (int) (rnd - 0x7fffffffee30L) * 2;
    assertEquals(want0.substring(0, at), stack.substring(2, 2 + at));
    assertEquals(want0.substring(at + 32), stack.substring(2 + at + 32));
  }

  @Test
  void text_reproduces_a_6_18_dynamic_pie_with_its_interpreter_under_root() throws IOException {
    Path root = dir.resolve("root");
    Path real = root.resolve("usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
    Files.createDirectories(real.getParent());
    Files.write(real, ReadelfImage.build(snap("linux-6.18-x86_64", "x").resolveSibling(
        "interp-ld-linux-x86-64.so.2.readelf.txt")));
    Files.createDirectories(root.resolve("lib64"));
    Files.createSymbolicLink(root.resolve("lib64/ld-linux-x86-64.so.2"),
        Path.of("../usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"));
    Path m = machine("host", "machine:\n  arch: x86_64\n  kernel: {version: \"6.18\", soft_dirty: false, pti: false}\n"
        + "  cpu: {hwcap: 0x178bfbff, hwcap2: 2, minsigstksz: 0xd30}\n");
    CliRun.Result r = CliRun.vmlab("exec", "--machine", m.toString(), "--name", "./x86_64-dyn-pie",
        "--path", "/prog/x86_64-dyn-pie", "--dev", "fe:00", "--inode", "5309923", "--interp-inode", "338944",
        "--root", root.toString(), "--env", "A=1", bin("x86_64-dyn-pie").toString());
    assertEquals(0, r.code(), r.toString());
    ExecSnapshot s = ExecSnapshot.load(snap("linux-6.18-x86_64", "x86_64-dyn-pie"));
    for (String l : s.maps()) {
      assertTrue(r.out().contains("  " + l + "\n"), "missing maps line " + l + "\n" + r.out());
    }
    for (String[] e : s.auxv()) {
      if (!e[0].equals("AT_NULL")) {
        assertTrue(r.out().matches("(?s).*\\n  " + e[0] + " +" + e[1] + "\\n.*"), e[0] + "=" + e[1] + "\n" + r.out());
      }
    }
    assertTrue(r.out().contains("sp:    0x7fffffffee20\n"), r.out());
    assertTrue(r.out().contains("entry: 0x7ffff7fe4b70\n"), "ld.so's entry: " + r.out());
    assertTrue(r.out().contains("brk:   0x555555559000\n"), r.out());
  }

  @Test
  void an_ia32_program_runs_as_a_compat_process_and_abi_checks_it() {
    CliRun.Result ok = CliRun.vmlab("exec", "--machine", "x86_64-4level", "--abi", "i386", bin("i386-tiny-static").toString());
    assertEquals(0, ok.code(), ok.toString());
    assertTrue(ok.out().contains("  AT_SYSINFO "), ok.out());
    assertTrue(ok.out().contains("[stack]") && ok.out().contains("fffdd000-ffffe000"), ok.out());
    CliRun.Result bad = CliRun.vmlab("exec", "--machine", "x86_64-4level", "--abi", "x86_64",
        bin("i386-tiny-static").toString());
    assertEquals(2, bad.code(), bad.toString());
    assertEquals(1, bad.errLines().size(), bad.toString());
  }

  @Test
  void bad_programs_are_one_line_and_exit_2() throws IOException {
    Path garbage = dir.resolve("garbage");
    Files.writeString(garbage, "echo not elf\n");
    Path script = dir.resolve("script");
    Files.writeString(script, "#!/bin/sh\necho hello\n");
    Path truncated = dir.resolve("truncated");
    Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(bin("x86_64-tiny-static")), 100));
    Path dynamic = bin("x86_64-dyn-pie");
    String[][] cases = {
      {"x86_64-4level", garbage.toString(), garbage + ": not an ELF file"},
      {"x86_64-4level", truncated.toString(), truncated + ": truncated: the program headers end at 0x190"},
      {"ia32-2level", bin("x86_64-tiny-static").toString(), "an ELFCLASS64 EM_X86_64 program, but this ia32 machine"},
      {"x86_64-4level", dir.resolve("missing").toString(), "missing: cannot read"},
    };
    for (String[] c : cases) {
      CliRun.Result r = CliRun.vmlab("exec", "--machine", c[0], c[1]);
      assertEquals(2, r.code(), r.toString());
      assertEquals(1, r.errLines().size(), r.toString());
      assertTrue(r.errLines().get(0).contains(c[2]), r.toString());
      assertTrue(!r.err().contains("\tat "), "no stack trace: " + r);
    }
    CliRun.Result noInterp = CliRun.vmlab("exec", "--machine", "x86_64-4level", "--root", dir.toString(),
        dynamic.toString());
    assertEquals(2, noInterp.code(), noInterp.toString());
    assertEquals(dynamic + ": interpreter /lib64/ld-linux-x86-64.so.2 (PT_INTERP) not found (execve: ENOENT)",
        noInterp.errLines().get(0));
    CliRun.Result noShell = CliRun.vmlab("exec", "--machine", "x86_64-4level", "--root", dir.toString(),
        script.toString());
    assertEquals(2, noShell.code(), noShell.toString());
    assertEquals(script + ": interpreter /bin/sh (#!) not found (execve: ENOENT)", noShell.errLines().get(0));
  }

  @Test
  void the_shipped_scripts_run() {
    CliRun.Result exec = CliRun.vmlab("script", "--machine", "x86_64-4level",
        TestPaths.home().resolve("configs/scripts/exec-static.yaml").toString());
    assertEquals(0, exec.code(), exec.toString());
    assertTrue(exec.out().contains("004ac000-004cd000 rw-p 00000000 00:00 0                                  [heap]"),
        "brk maps a [heap] VMA of its own after the bss (6.1 looks for it from start_brk up): " + exec.out());
    CliRun.Result remap = CliRun.vmlab("script", "--machine", "ia32-pae",
        TestPaths.home().resolve("configs/scripts/remap-file-pages.yaml").toString());
    assertEquals(0, remap.code(), remap.toString());
    assertTrue(remap.out().contains(" rw-s 00006000 00:20 100 "), remap.out());
    assertTrue(remap.out().contains("error: EINVAL"), remap.out());
  }

  @Test
  void a_script_can_start_from_a_real_program() throws IOException {
    Path progDir = Files.createDirectories(dir.resolve("bin"));
    Files.copy(bin("x86_64-tiny-static"), progDir.resolve("tiny"));
    Path sc = dir.resolve("exec.yaml");
    Files.writeString(sc, """
        name: exec-tiny
        files:
          - {id: f, size: 0x8000, fill: 0x61}
        steps:
          - exec: {id: prog, path: bin/tiny, name: ./tiny, argv: [./tiny, x], env: [A=1]}
          - brk: {addr: brk0 + 0x3000}
          - mmap: {id: m, length: 0x8000, prot: rw-, flags: [shared], file: f}
          - remap_file_pages: {addr: m + 0x1000, length: 0x1000, prot: 0, pgoff: 7}
          - maps
          - exec: {path: bin/none}
        """);
    CliRun.Result r = CliRun.vmlab("script", "--machine", "x86_64-4level", sc.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("00400000-00401000 r--p 00000000 00:02 10 "), r.out());
    assertTrue(r.out().contains("00404000-00407000 rw-p 00000000 00:00 0                                  [heap]"), r.out());
    assertTrue(r.out().contains(" rw-s 00007000 00:20 100 "), r.out());
    assertTrue(r.out().contains("error: ENOENT"), r.out());
  }
}
