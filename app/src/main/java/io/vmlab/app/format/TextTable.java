package io.vmlab.app.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with aligned columns, for terminal output. */
public final class TextTable {
  private final List<String> headers;
  private final boolean[] rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  /** A table with these column headers; a header starting with {@code >} is right-aligned. */
  public TextTable(String... headers) {
    this.rightAligned = new boolean[headers.length];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < headers.length; i++) {
      rightAligned[i] = headers[i].startsWith(">");
      names.add(rightAligned[i] ? headers[i].substring(1) : headers[i]);
    }
    this.headers = List.copyOf(names);
  }

  /** Adds a row; it must have one cell per column. */
  public TextTable row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
    }
    rows.add(Arrays.stream(cells).map(String::valueOf).toList());
    return this;
  }

  /** The table, each line indented by {@code indent} and ending in a newline. */
  public String render(String indent) {
    int[] width = new int[headers.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = headers.get(i).length();
      for (List<String> row : rows) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, indent, headers, width);
    for (List<String> row : rows) {
      line(sb, indent, row, width);
    }
    return sb.toString();
  }

  private void line(StringBuilder sb, String indent, List<String> cells, int[] width) {
    StringBuilder line = new StringBuilder(indent);
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      String pad = " ".repeat(width[i] - cell.length());
      line.append(rightAligned[i] ? pad + cell : cell + pad);
      if (i < cells.size() - 1) {
        line.append("  ");
      }
    }
    sb.append(line.toString().stripTrailing()).append('\n');
  }
}
