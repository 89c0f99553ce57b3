package io.vmlab.app.trace;

import io.vmlab.app.trace.binary.BinaryFormat;
import io.vmlab.app.trace.binary.BinaryHeader;
import io.vmlab.app.trace.binary.BinaryTraceFile;
import io.vmlab.app.trace.binary.BinaryTraceReader;
import io.vmlab.app.trace.io.Compression;
import io.vmlab.app.trace.io.TraceInput;
import io.vmlab.app.trace.lackey.LackeyLine;
import io.vmlab.app.trace.lackey.LackeyReader;
import io.vmlab.app.trace.pages.PageListReader;
import java.nio.file.Path;

/**
 * A trace file and its format: the entry point for everything that reads traces. {@link #open}
 * detects the format: a file starting with the binary magic is {@link TraceFormat#BINARY};
 * otherwise, after decompression (gzip or zstd, told by magic bytes), a file whose first data
 * line (not blank, not a {@code #} comment) is a lackey line or a valgrind {@code ==pid==} line
 * is {@link TraceFormat#LACKEY}, and anything else a {@link TraceFormat#PAGES} list. {@link
 * #reader} streams the references from the start; calling it again rewinds.
 */
public final class TraceSource {
  /** How much of the decompressed start is searched for the first data line. */
  private static final int SNIFF_BYTES = 1 << 16;

  private final Path path;
  private final TraceFormat format;
  private final Compression compression;

  private TraceSource(Path path, TraceFormat format, Compression compression) {
    this.path = path;
    this.format = format;
    this.compression = compression;
  }

  /** Opens {@code path}, detecting its format. */
  public static TraceSource open(Path path) {
    return open(path, null);
  }

  /** Opens {@code path} as {@code format}, or detecting it when {@code format} is null. */
  public static TraceSource open(Path path, TraceFormat format) {
    byte[] head = TraceInput.head(path, 8);
    Compression c = Compression.detect(head, head.length);
    if (format == null) {
      format = BinaryFormat.hasMagic(head) ? TraceFormat.BINARY : sniffText(path);
    }
    if (format == TraceFormat.BINARY) {
      // Checks the header and index now, so a bad file fails before any work starts.
      BinaryTraceFile.open(path).close();
      c = Compression.NONE;
    }
    return new TraceSource(path, format, c);
  }

  /** LACKEY or PAGES, from the first data line of the decompressed text. */
  private static TraceFormat sniffText(Path path) {
    byte[] b = new byte[SNIFF_BYTES];
    int n;
    try (TraceInput in = TraceInput.open(path)) {
      n = in.readFully(b, 0, b.length);
    }
    int p = 0;
    while (p < n) {
      int e = p;
      while (e < n && b[e] != '\n') {
        e++;
      }
      int q = p;
      while (q < e && (b[q] == ' ' || b[q] == '\t' || b[q] == '\r')) {
        q++;
      }
      // Blank and comment lines are skipped; ' L 1000,4' (leading space) is a data line.
      if (q < e && b[q] != '#') {
        return LackeyLine.matches(b, p, e) ? TraceFormat.LACKEY : TraceFormat.PAGES;
      }
      p = e + 1;
    }
    return TraceFormat.PAGES;
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** Its format. */
  public TraceFormat format() {
    return format;
  }

  /** How the file is compressed (binary traces: NONE; their blocks may be zstd inside). */
  public Compression compression() {
    return compression;
  }

  /** A new reader from the first reference (calling it again rewinds). */
  public TraceReader reader() {
    return switch (format) {
      case LACKEY -> LackeyReader.open(path);
      case PAGES -> PageListReader.open(path);
      case BINARY -> BinaryTraceReader.open(path);
    };
  }

  /**
   * The number of references when the file records it (a binary trace), else -1: a replay can
   * size a progress bar with it without reading the trace twice.
   */
  public long knownReferences() {
    BinaryHeader h = binaryHeader();
    return h == null ? -1 : h.references();
  }

  /** The header of a binary trace, or null for the other formats. */
  public BinaryHeader binaryHeader() {
    if (format != TraceFormat.BINARY) {
      return null;
    }
    try (BinaryTraceFile f = BinaryTraceFile.open(path)) {
      return f.header();
    }
  }

  @Override
  public String toString() {
    return path + " (" + format.id() + (compression == Compression.NONE ? "" : ", " + compression.id()) + ")";
  }
}
