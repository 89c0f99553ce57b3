package io.vmlab.app.report.plot;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VectorGraphics2D names clip paths after hash codes ({@code clip-1003788702}), which differ from
 * one JVM to the next; renumbering them in order of appearance makes the same plot the same SVG.
 */
final class SvgIds {
  private static final Pattern CLIP = Pattern.compile("clip-?\\d+");

  private SvgIds() {}

  /** {@code svg} with its clip ids renamed clip1, clip2, ... */
  static byte[] normalize(byte[] svg) {
    String text = new String(svg, StandardCharsets.UTF_8);
    Map<String, String> names = new HashMap<>();
    Matcher m = CLIP.matcher(text);
    StringBuilder sb = new StringBuilder(text.length());
    while (m.find()) {
      String name = names.computeIfAbsent(m.group(), k -> "clip" + (names.size() + 1));
      m.appendReplacement(sb, name);
    }
    m.appendTail(sb);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
