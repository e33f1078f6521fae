package org.sipstrata.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The traceability report counts a row of the table as tested when a test citation names it
 * ({@code //= row=F5.3}). A comment alone must not make a row tested: here every test method of
 * this module that names rows must assert, with {@link Rows#fired} or {@link Rows#walked}, that
 * exactly those rows fire in it; and every row of the table must be named.
 */
class RowClaimsTest {

  private static final Pattern METHOD =
      Pattern.compile("^\\s*(?:public\\s+)?void\\s+(\\w+)\\s*\\(.*");
  private static final Pattern CLAIM = Pattern.compile("^\\s*//=\\s*row=(\\S+)\\s*$");
  private static final Pattern ASSERTION_CALL = Pattern.compile("Rows\\.(?:fired|walked)\\(");
  private static final Pattern ROW_ID = Pattern.compile("\"(F\\d+\\.\\d+)\"");

  /** The row names claimed and asserted in one test method. */
  record Method(String file, String name, Set<String> claimed, Set<String> asserted) {}

  static Path testSources() {
    return Path.of(System.getProperty("strata.root", "../.."),
        "layers/transaction/src/test/java/org/sipstrata/transaction");
  }

  static List<Method> methods() throws IOException {
    List<Method> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(testSources())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        out.addAll(methods(file.getFileName().toString(),
            Files.readAllLines(file, StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  /** Splits a file at its method declarations; text before the first one belongs to "(class)". */
  static List<Method> methods(String file, List<String> lines) {
    List<Method> out = new ArrayList<>();
    String name = "(class)";
    Set<String> claimed = new TreeSet<>();
    Set<String> asserted = new TreeSet<>();
    boolean inCall = false;
    for (String line : lines) {
      Matcher method = METHOD.matcher(line);
      if (method.matches()) {
        out.add(new Method(file, name, claimed, asserted));
        name = method.group(1);
        claimed = new TreeSet<>();
        asserted = new TreeSet<>();
      }
      Matcher claim = CLAIM.matcher(line);
      if (claim.matches()) {
        claimed.add(claim.group(1));
      }
      // The row names of an assertion are the quoted ones in its statement, which ends at ';'.
      inCall = inCall || ASSERTION_CALL.matcher(line).find();
      if (inCall) {
        Matcher id = ROW_ID.matcher(line);
        while (id.find()) {
          asserted.add(id.group(1));
        }
        inCall = !line.stripTrailing().endsWith(";");
      }
    }
    out.add(new Method(file, name, claimed, asserted));
    return out;
  }

  @Test
  @DisplayName("each test method that names rows in its citations asserts that exactly those rows fire")
  void claimsAreAsserted() throws IOException {
    List<Method> methods = methods();
    assertThat(methods).extracting(Method::name).contains("startUnreliable", "everyRow");
    for (Method m : methods) {
      assertThat(m.claimed()).as("rows named in %s.%s", m.file(), m.name())
          .isEqualTo(m.asserted());
    }
  }

  @Test
  @DisplayName("every row of the table is named by some test")
  void everyRowClaimed() throws IOException {
    Set<String> claimed = new TreeSet<>();
    methods().forEach(m -> claimed.addAll(m.claimed()));
    assertThat(claimed).containsExactlyInAnyOrderElementsOf(
        TransitionTable.rows().stream().map(Row::id).toList());
  }

  @Test
  @DisplayName("the splitter finds claims and assertions per method, and an unasserted claim shows")
  void splitter() {
    List<Method> methods = methods("X.java", List.of(
        "class X {",
        "  void a() {",
        "    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2",
        "    //= type=test",
        "    //= row=F5.3",
        "    Rows.fired(\"F5.3\", step);",
        "    Rows.fired(x ? \"F5.5\"",
        "        : \"F5.6\", step);",
        "    String unrelated = \"F5.7\";",
        "  }",
        "  public void b() {",
        "    //= row=F5.4",
        "  }"));
    assertThat(methods).containsExactly(
        new Method("X.java", "(class)", Set.of(), Set.of()),
        new Method("X.java", "a", Set.of("F5.3"), Set.of("F5.3", "F5.5", "F5.6")),
        new Method("X.java", "b", Set.of("F5.4"), Set.of()));
  }
}
