package io.vmlab.app.report.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTest {
  @Test
  void quotesOnlyWhatRfc4180Requires() throws Exception {
    StringWriter w = new StringWriter();
    Csv.record(w, List.of("plain", "a,b", "say \"hi\"", "two\nlines", "cr\r", " spaced ", ""));
    assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\", spaced ,\r\n", w.toString());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {7, 8, 9, 10})
  void randomFieldsSurviveARoundTrip(long seed) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    String alphabet = "ab,\"\r\n x;=µ";
    List<List<String>> records = new ArrayList<>();
    StringWriter w = new StringWriter();
    for (int r = 0; r < 50; r++) {
      List<String> fields = new ArrayList<>();
      int n = 1 + rnd.nextInt(6);
      for (int f = 0; f < n; f++) {
        StringBuilder sb = new StringBuilder();
        int len = rnd.nextInt(8);
        for (int i = 0; i < len; i++) {
          sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        fields.add(sb.toString());
      }
      records.add(fields);
      Csv.record(w, fields);
    }
    assertEquals(records, CsvParser.parse(w.toString()), "seed " + seed);
  }
}
