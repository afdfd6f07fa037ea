package io.topicnmf.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TermDictionaryTest {
  @Test
  void numbersDistinctTermsInFirstSeenOrderThroughGrowth() {
    TermDictionary d = new TermDictionary();
    Map<String, Integer> reference = new HashMap<>();
    List<String> order = new ArrayList<>();
    Random random = new Random(3);
    char[] buffer = new char[40];
    for (int n = 0; n < 200_000; n++) {
      // Short words over a small alphabet (many repeats, many equal hashes mod the table size),
      // some around the eight characters kept in a slot, some long ones, some non-ASCII, NUL
      // characters (equal to the slot's zero padding: "a" and "a\0" must stay apart), and the
      // empty term.
      int len = random.nextInt(10) == 0 ? 20 + random.nextInt(20)
          : random.nextInt(3) == 0 ? 5 + random.nextInt(6) : random.nextInt(5);
      for (int i = 0; i < len; i++) {
        int r = random.nextInt(16);
        buffer[i] = r < 2 ? (char) ('α' + random.nextInt(3)) : r == 2 ? '\0' : (char) ('a' + random.nextInt(6));
      }
      String term = new String(buffer, 0, len);
      // Garbage past the term's length must not matter.
      buffer[len] = 'z';
      int id = d.idOf(buffer, len);
      Integer expected = reference.get(term);
      if (expected == null) {
        expected = order.size();
        reference.put(term, expected);
        order.add(term);
      }
      assertEquals(expected, id, term);
    }
    assertEquals(order.size(), d.size());
    assertArrayEquals(order.toArray(new String[0]), d.terms());
    assertEquals(order.get(5), d.term(5));
  }

  @Test
  void mergesAnotherDictionaryByItsCharacters() {
    TermDictionary a = new TermDictionary();
    TermDictionary b = new TermDictionary();
    for (String t : List.of("rate", "bank", "", "zürich")) a.idOf(t);
    for (String t : List.of("bank", "loan", "zürich")) b.idOf(t);
    assertEquals(1, a.idOf(b, 0));
    assertEquals(4, a.idOf(b, 1));
    assertEquals(3, a.idOf(b, 2));
    assertArrayEquals(new String[] {"rate", "bank", "", "zürich", "loan"}, a.terms());
  }
}
