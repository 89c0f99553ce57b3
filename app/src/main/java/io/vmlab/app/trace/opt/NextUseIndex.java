package io.vmlab.app.trace.opt;

import io.vmlab.app.trace.TraceConverter;
import io.vmlab.app.trace.TraceError;
import io.vmlab.app.trace.TraceFormat;
import io.vmlab.app.trace.TraceSource;
import io.vmlab.app.trace.binary.BinaryFormat;
import io.vmlab.app.trace.binary.BinaryTraceFile;
import io.vmlab.app.trace.binary.BlockReader;
import io.vmlab.app.trace.binary.BlockWriter;
import io.vmlab.app.trace.binary.RefCodec;
import io.vmlab.app.trace.binary.RefDecoder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * For each reference of a trace, where the same page is referenced next: what Belady's OPT needs.
 * {@link #build} makes one backward pass over the binary form (converting a text trace to a
 * temporary binary file first), block by block from the last, keeping the last position seen of
 * every page; each block's next-use distances are varint-encoded, zstd-compressed and written to
 * a temporary file. {@link #reader} then streams references and next uses forward together.
 *
 * <p>Memory: fixed block buffers (about 3 MB) plus 16-32 bytes per distinct page; the python trace
 * (409M references, 8,455 pages) needs well under 10 MB of heap. Disk: the next-use file (about
 * one byte per reference before compression, much less after) and, for a text source, a binary
 * copy. Both temporary files are deleted by {@link #close} (or at exit).
 */
public final class NextUseIndex implements AutoCloseable {
  /** The next use of a page never referenced again. */
  public static final long NEVER = Long.MAX_VALUE;
  /** zstd level of the temporary files: cheap to write, still small. */
  private static final int TEMP_LEVEL = 1;

  private final TraceSource source;
  private final Path binary;
  private final boolean ownsBinary;
  private final Path nextUse;
  private final long[] offsets;
  private final long[] ends;
  private final int maxBlockRefs;
  private final long references;

  private NextUseIndex(TraceSource source, Path binary, boolean ownsBinary, Path nextUse, long[] offsets,
      long[] ends, int maxBlockRefs, long references) {
    this.source = source;
    this.binary = binary;
    this.ownsBinary = ownsBinary;
    this.nextUse = nextUse;
    this.offsets = offsets;
    this.ends = ends;
    this.maxBlockRefs = maxBlockRefs;
    this.references = references;
  }

  /** Computes the next uses of {@code source}, with temporary files in {@code tempDir}. */
  public static NextUseIndex build(TraceSource source, Path tempDir) {
    Path binary = source.path();
    Path nu = null;
    boolean owns = source.format() != TraceFormat.BINARY;
    try {
      Files.createDirectories(tempDir);
      if (owns) {
        binary = temp(tempDir, ".bin");
        try (FileChannel ch = FileChannel.open(binary, StandardOpenOption.WRITE)) {
          TraceConverter.write(source, ch, TEMP_LEVEL, BinaryFormat.DEFAULT_BLOCK_REFS);
        }
      }
      nu = temp(tempDir, ".next");
      try (BinaryTraceFile f = BinaryTraceFile.open(binary);
          FileChannel out = FileChannel.open(nu, StandardOpenOption.WRITE)) {
        int blocks = f.blockCount();
        int max = f.header().maxBlockRefs();
        long[] offsets = new long[blocks];
        long[] ends = new long[blocks];
        long[] refs = new long[max];
        long[] dist = new long[max];
        byte[] raw = new byte[BinaryFormat.maxRawBytes(max) + 16];
        PagePositions last = new PagePositions();
        RefDecoder dec = new RefDecoder();
        try (BlockReader br = f.blockReader(); BlockWriter bw = new BlockWriter(out, 0, raw.length, TEMP_LEVEL)) {
          for (int b = blocks - 1; b >= 0; b--) {
            f.load(b, br, dec);
            int c = dec.remaining();
            if (dec.decode(refs, 0, c) != c || !dec.consumedExactly()) {
              throw br.corrupt(b, "bad varint");
            }
            long first = f.firstReference(b);
            for (int i = c - 1; i >= 0; i--) {
              long pos = first + i;
              long prev = last.put(refs[i] >>> 3, pos);
              dist[i] = prev < 0 ? 0 : prev - pos;
            }
            int len = RefCodec.encodeUnsigned(dist, c, raw);
            offsets[b] = bw.write(raw, len, c);
            ends[b] = bw.position();
          }
        }
        return new NextUseIndex(source, binary, owns, nu, offsets, ends, max, f.header().references());
      }
    } catch (IOException e) {
      delete(nu);
      if (owns) {
        delete(binary);
      }
      throw TraceError.of(tempDir, "cannot write the next-use file: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      delete(nu);
      if (owns) {
        delete(binary);
      }
      throw e;
    }
  }

  private static Path temp(Path dir, String suffix) throws IOException {
    Path p = Files.createTempFile(dir, "vmlab-trace-", suffix);
    p.toFile().deleteOnExit();
    return p;
  }

  private static void delete(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // deleteOnExit tries again
      }
    }
  }

  /** The trace this index belongs to. */
  public TraceSource source() {
    return source;
  }

  /** The number of references. */
  public long references() {
    return references;
  }

  /** Bytes of the temporary next-use file. */
  public long nextUseFileBytes() {
    return ends.length == 0 ? 0 : ends[0];
  }

  /** A new reader of references with their next uses, from the first (calling it again rewinds). */
  public NextUseReader reader() {
    return new NextUseReader(BinaryTraceFile.open(binary), nextUse, offsets, ends, maxBlockRefs);
  }

  /** Deletes the temporary files. */
  @Override
  public void close() {
    delete(nextUse);
    if (ownsBinary) {
      delete(binary);
    }
  }
}
