package io.vmlab.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Typos get the closest valid word; unrelated words get none. */
class SuggestionsTest {
  @Test
  void levenshteinDistanceCountsEdits() {
    assertEquals(0, Suggestions.distance("paging", "paging"));
    assertEquals(1, Suggestions.distance("pagng", "paging"));
    assertEquals(2, Suggestions.distance("verison", "version"));
    assertEquals(6, Suggestions.distance("", "memory"));
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
  }

  @Test
  void suggestsOnlyCloseCandidates() {
    List<String> keys = List.of("name", "arch", "paging", "split", "memory", "swap");
    assertEquals(Optional.of("paging"), Suggestions.closest("pagng", keys));
    assertEquals(Optional.of("memory"), Suggestions.closest("Memroy", keys));
    assertEquals(Optional.empty(), Suggestions.closest("colour", keys));
  }
}
