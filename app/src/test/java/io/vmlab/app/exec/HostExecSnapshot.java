package io.vmlab.app.exec;

import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.exec.BinaryFile;
import io.vmlab.kernel.fs.Inode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
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
 * One case of conformance/exec/host-6.18: an execve() on the 6.18.44 host (its machine, filename,
 * argv, envp, program and interpreter files) and what the real kernel made of it, or the errno it
 * refused it with. Programs are header images (elf/): the bytes up to the end of the program
 * headers and the PT_INTERP string, shown to exec as a file of the original size (elf/images.yaml).
 */
record HostExecSnapshot(Path dir, String name, Map<String, Object> doc) {
  static HostExecSnapshot load(Path dir, String name) {
    return new HostExecSnapshot(dir, name, yaml(dir.resolve("cases").resolve(name + ".yaml")));
  }

  static Map<String, Object> yaml(Path file) {
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(16 << 20);
    try (Reader r = Files.newBufferedReader(file)) {
      return new Yaml(new SafeConstructor(o)).load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(Map<String, Object> m, String key) {
    return (Map<String, Object>) m.get(key);
  }

  Map<String, Object> execve() {
    return map(doc, "execve");
  }

  Map<String, Object> expect() {
    return map(doc, "expect");
  }

  Path machineFile() {
    return dir.resolve("machines").resolve(doc.get("machine") + ".yaml");
  }

  String filename() {
    return (String) execve().get("filename");
  }

  /** argv as execve() got it: the listed strings, then the generated extra arguments (execsnap -A). */
  @SuppressWarnings("unchecked")
  List<String> argv() {
    List<String> argv = new ArrayList<>((List<String>) execve().get("argv"));
    Map<String, Object> extra = map(execve(), "extra_args");
    if (extra != null) {
      int n = ((Number) extra.get("count")).intValue();
      int len = ((Number) extra.get("length")).intValue();
      for (int i = 0; i < n; i++) {
        StringBuilder s = new StringBuilder(len);
        for (int j = 0; j < len; j++) {
          s.append((char) ('a' + (i + j) % 26));
        }
        argv.add(s.toString());
      }
    }
    return argv;
  }

  @SuppressWarnings("unchecked")
  List<String> envp() {
    return (List<String>) execve().get("envp");
  }

  /** The errno the real execve() returned, or null if it succeeded. */
  String errno() {
    return expect().containsKey("errno") ? (String) expect().get("errno") : null;
  }

  /** The PT_INTERP path of the program, or null. */
  String ptInterp() {
    Map<String, Object> i = map(doc, "interpreter");
    return i == null ? null : (String) i.get("pt_interp");
  }

  BinaryFile program(Kernel k) {
    return binary(k, map(doc, "program"));
  }

  BinaryFile interpreter(Kernel k) {
    Map<String, Object> i = map(doc, "interpreter");
    return i == null ? null : binary(k, i);
  }

  /** The header image as a file of the machine: the recorded path, device, inode and size. */
  private BinaryFile binary(Kernel k, Map<String, Object> f) {
    String image = (String) f.get("image");
    String path = (String) f.get("path");
    long size = ((Number) map(yaml(dir.resolve("elf/images.yaml")), image).get("size")).longValue();
    byte[] header;
    try {
      header = Files.readAllBytes(dir.resolve("elf").resolve(image));
    } catch (IOException e) {
      throw new UncheckedIOException(image, e);
    }
    Inode inode = k.files().lookup(path);
    if (inode == null) {
      String[] dev = ((String) f.get("dev")).split(":");
      int major = Integer.parseInt(dev[0], 16);
      // A device-less filesystem (tmpfs, major 0) keeps its pages as shmem.
      inode = k.createCachedFile(path, major, Integer.parseInt(dev[1], 16), ((Number) f.get("inode")).longValue(),
          size, 0, major == 0);
    }
    return new BinaryFile(inode, header, image);
  }

  @SuppressWarnings("unchecked")
  List<String> maps() {
    return (List<String>) expect().get("maps");
  }

  /** [name, value] pairs of /proc/PID/auxv, AT_NULL included. */
  @SuppressWarnings("unchecked")
  List<List<String>> auxv() {
    return (List<List<String>>) expect().get("auxv");
  }

  long sp() {
    return Long.decode((String) expect().get("sp"));
  }

  long brk() {
    return Long.decode((String) expect().get("brk"));
  }

  /** The stack bytes from sp to the end of [stack]. */
  @SuppressWarnings("unchecked")
  byte[] stack() {
    StringBuilder hex = new StringBuilder();
    for (String line : (List<String>) expect().get("stack")) {
      hex.append(line.substring(line.indexOf(' ') + 1));
    }
    return HexFormat.of().parseHex(hex);
  }
}
