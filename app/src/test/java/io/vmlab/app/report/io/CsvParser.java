package io.vmlab.app.report.io;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: records end in CRLF, quoted fields may hold anything. */
public final class CsvParser {
  private CsvParser() {}

  /** The records of {@code text}. */
  public static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' && f.length() == 0) {
        i++;
        while (true) {
          char q = text.charAt(i++);
          if (q == '"') {
            if (i < text.length() && text.charAt(i) == '"') {
              f.append('"');
              i++;
            } else {
              break;
            }
          } else {
            f.append(q);
          }
        }
      } else if (c == ',') {
        fields.add(f.toString());
        f.setLength(0);
        i++;
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        fields.add(f.toString());
        f.setLength(0);
        records.add(fields);
        fields = new ArrayList<>();
        i += 2;
      } else {
        if (c == '"' || c == '\r' || c == '\n') {
          throw new IllegalArgumentException("unquoted " + (int) c + " at " + i);
        }
        f.append(c);
        i++;
      }
    }
    if (f.length() > 0 || !fields.isEmpty()) {
      throw new IllegalArgumentException("last record does not end in CRLF");
    }
    return records;
  }
}
