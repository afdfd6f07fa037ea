package io.topicnmf.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidOptionExceptionTest {
  @Test
  void theMessageNamesParametersAndEachFrontEndNamesThemItsWay() {
    InvalidOptionException e = new InvalidOptionException("maxDf",
        "{maxDf} 2 allows fewer documents than {minDf} 3: lower {minDf} or raise {maxDf}", "minDf");
    assertEquals("maxDf", e.parameter());
    assertEquals("maxDf 2 allows fewer documents than minDf 3: lower minDf or raise maxDf", e.getMessage());
    assertEquals("<max-df> 2 allows fewer documents than <min-df> 3: lower <min-df> or raise <max-df>",
        e.message(p -> "<" + p.replaceAll("([A-Z])", "-$1").toLowerCase() + ">"));
    assertEquals(List.of("maxDf", "minDf"), e.text().names());
  }

  @Test
  void onlyDeclaredNamesArePlaceholders() {
    // A user's value written in braces stays as it is.
    InvalidOptionException e = new InvalidOptionException("vocabulary",
        "{vocabulary}: the term '{topics}' is listed twice");
    assertEquals("--vocabulary: the term '{topics}' is listed twice", e.message(p -> "--" + p));
    assertEquals("vocabulary: the term '{topics}' is listed twice", e.getMessage());
  }

  @Test
  void aMessageNamesAtLeastOneParameter() {
    assertThrows(IllegalArgumentException.class, () -> new ParameterText("no parameter", List.of()));
  }
}
