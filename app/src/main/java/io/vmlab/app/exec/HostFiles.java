package io.vmlab.app.exec;

import io.vmlab.app.UserError;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.exec.BinaryFile;
import io.vmlab.kernel.exec.FileResolver;
import io.vmlab.kernel.fs.Inode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Host files as files of a simulated machine: a program read from the host, and interpreters
 * (PT_INTERP paths) looked up under a root directory, symlinks followed so that maps shows the
 * real path as Linux's d_path() does. Each file gets its own inode number; the program and the
 * interpreters each have a device.
 */
public final class HostFiles {
  private final Kernel kernel;
  private final Path root;
  private final int[] device;
  private final int[] interpDevice;
  private long nextInode;

  /**
   * @param root where absolute paths are resolved (the host's / by default)
   * @param device the program's device {major, minor}
   * @param interpDevice the interpreters' device {major, minor}
   * @param firstInterpInode the inode number of the first interpreter file
   */
  public HostFiles(Kernel kernel, Path root, int[] device, int[] interpDevice, long firstInterpInode) {
    this.kernel = kernel;
    this.root = root;
    this.device = device.clone();
    this.interpDevice = interpDevice.clone();
    this.nextInode = firstInterpInode;
  }

  /** Reads a host file as the program at {@code machinePath} with inode {@code ino}. */
  public BinaryFile program(Path hostFile, String machinePath, long ino) {
    byte[] bytes = read(hostFile);
    return new BinaryFile(file(machinePath, ino, bytes.length, device), bytes, hostFile.toString());
  }

  /** A program from bytes already in memory (a synthetic ELF). */
  public BinaryFile program(byte[] bytes, String machinePath, long ino) {
    return new BinaryFile(file(machinePath, ino, bytes.length, device), bytes, machinePath);
  }

  /** Opens PT_INTERP paths under the root; each file is created in the machine once. */
  public FileResolver interpreters() {
    return path -> {
      Path host = root.resolve(path.startsWith("/") ? path.substring(1) : path);
      if (!Files.isRegularFile(host)) {
        return null;
      }
      String real = machinePath(host);
      Inode existing = kernel.files().lookup(real);
      byte[] bytes = read(host);
      Inode inode = existing != null ? existing : file(real, nextInode++, bytes.length, interpDevice);
      return new BinaryFile(inode, bytes, host.toString());
    };
  }

  /**
   * The path the machine shows for an absolute path that names a host file under the root
   * (symlinks resolved, as d_path() shows them), or null if there is no such file.
   */
  public String realPath(String absolute) {
    Path host = root.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
    return absolute.startsWith("/") && Files.isRegularFile(host) ? machinePath(host) : null;
  }

  /** The path the machine shows for a host file under the root: symlinks resolved, root stripped. */
  private String machinePath(Path host) {
    try {
      Path real = host.toRealPath();
      Path r = root.toRealPath();
      return real.startsWith(r) ? "/" + r.relativize(real).toString().replace('\\', '/') : real.toString();
    } catch (IOException e) {
      return host.toString();
    }
  }

  private Inode file(String path, long ino, long size, int[] dev) {
    Inode inode = kernel.files().lookup(path);
    if (inode != null) {
      return inode;
    }
    // A device-less filesystem (major 0, the QEMU snapshots' rootfs) keeps its pages as shmem.
    return kernel.createCachedFile(path, dev[0], dev[1], ino, size, 0, dev[0] == 0);
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UserError(p + ": cannot read: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }
}
