package io.topicnmf.matrix.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.topicnmf.matrix.CsrMatrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixExportTest {
  @TempDir Path tmp;

  @Test
  void idsWithLineBreaksAndBackslashesTakeOneLineEach() throws IOException {
    List<String> ids = List.of("plain.txt", "a\nb.txt", "c\r\nd", "back\\slash\\n", "é ✓ \t tab");
    CsrMatrix x = CsrMatrix.fromDense(new double[][] {{1}, {2}, {3}, {4}, {5}}, 1);
    MatrixExport.write(x, x, List.of("term"), ids, tmp, 1);
    List<String> lines = Files.readAllLines(tmp.resolve("documents.txt"), StandardCharsets.UTF_8);
    assertEquals(List.of("plain.txt", "a\\nb.txt", "c\\r\\nd", "back\\\\slash\\\\n", "é ✓ \t tab"), lines);
    assertEquals(5, lines.size(), "one line per row of the matrix");
  }

  @Test
  void escapingIsUndoneByTheUsualRules() {
    for (String s : List.of("", "x", "\n", "\\n", "a\\\nb\r")) {
      String e = MatrixExport.escapeLine(s);
      StringBuilder back = new StringBuilder();
      for (int i = 0; i < e.length(); i++) {
        char c = e.charAt(i);
        if (c == '\\') {
          char n = e.charAt(++i);
          back.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
        } else {
          back.append(c);
        }
      }
      assertEquals(s, back.toString());
    }
  }
}
