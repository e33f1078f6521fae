package org.sipstrata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("strata rfc")
class RfcCommandTest {

  private static final String URL = "https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2";

  @TempDir Path root;
  private String savedRoot;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /**
   * A source tree with one implementation and one test citation of the Timer B requirement. The
   * citation lines are built from parts so that this file's own lines are not citations.
   */
  @BeforeEach
  void sourceTree() throws IOException {
    String cite = "//" + "=";
    String quote = "//" + "#";
    write(
        "layers/demo/src/main/java/demo/Timers.java",
        "package demo;",
        "class Timers {",
        "  " + cite + " " + URL,
        "  " + quote + " For any transport, the client transaction MUST start timer B with a value",
        "  " + quote + " of 64*T1 seconds (Timer B controls transaction timeouts).",
        "  long timerB(long t1) { return 64 * t1; }",
        "}");
    write(
        "layers/demo/src/test/java/demo/TimersTest.java",
        "package demo;",
        "class TimersTest {",
        "  " + cite + " " + URL,
        "  " + cite + " type=test",
        "  " + quote + " the client transaction MUST start timer B",
        "  void timerB() {}",
        "}");
    savedRoot = System.getProperty("strata.root");
    System.setProperty("strata.root", root.toString());
  }

  @AfterEach
  void restoreRoot() {
    if (savedRoot == null) {
      System.clearProperty("strata.root");
    } else {
      System.setProperty("strata.root", savedRoot);
    }
  }

  private void write(String path, String... lines) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(lines));
  }

  private int run(String... args) {
    CommandLine commandLine = Strata.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  @DisplayName("prints a section's requirements with the places that implement and test them")
  void section() {
    assertThat(run("rfc", "17.1.1.2")).isZero();
    assertThat(out.toString())
        .startsWith("RFC 3261 section 17.1.1.2: Formal Description\n" + URL + "\n")
        .contains(
            "#5 MUST  For any transport, the client transaction MUST start timer B with a value of"
                + " 64*T1 seconds (Timer B controls transaction timeouts).\n"
                + "     implemented: layers/demo/src/main/java/demo/Timers.java:3\n"
                + "     tested:      layers/demo/src/test/java/demo/TimersTest.java:3\n")
        .contains(
            "#14 MUST  The client transaction MUST NOT generate an ACK.\n"
                + "     missing: no citation\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  @DisplayName("a requirement whose text RFC 6026 replaced names what replaced it")
  void replaced() {
    assertThat(run("rfc", "17.1.1.2")).isZero();
    assertThat(out.toString())
        .contains("     replaced by RFC 6026 §8.4 #1"
            + " (https://www.rfc-editor.org/rfc/rfc6026#section-8.4)\n");
    out.getBuffer().setLength(0);
    assertThat(run("rfc", "--summary")).isZero();
    // the replaced column: RFC 3261 has MUSTs that RFC 6026 replaced
    assertThat(out.toString())
        .containsPattern("RFC 3261  MUST +545 +\\d+ +\\d+ +0 +0 +[1-9]\\d* +\\d+\n");
  }

  @Test
  @DisplayName("--rfc selects another RFC, and § or appendix- prefixes are accepted")
  void otherRfc() {
    assertThat(run("rfc", "--rfc", "6026", "§7.1")).isZero();
    assertThat(out.toString()).startsWith("RFC 6026 section 7.1: Server Transaction Impacts\n");
    out.getBuffer().setLength(0);
    assertThat(run("rfc", "appendix-A")).isZero();
    assertThat(out.toString()).startsWith("RFC 3261 appendix A: Table of Timer Values\n");
  }

  @Test
  @DisplayName("--summary prints the totals per RFC and level")
  void summary() {
    assertThat(run("rfc", "--summary")).isZero();
    assertThat(out.toString())
        .containsPattern("RFC 3261  MUST +\\d+ +1 +1 +0 +0 +\\d+ +\\d+\n")
        .contains("RFC 3581  SHOULD")
        .contains("RFC 6026  MAY")
        .contains("2 citations under " + root + ": 0 errors, 0 warnings");
  }

  @Test
  @DisplayName("an unknown section or RFC is a clear message with exit status 2")
  void unknown() {
    assertThat(run("rfc", "17.9")).isEqualTo(2);
    assertThat(err.toString()).contains("RFC 3261 has no section 17.9.");
    assertThat(run("rfc", "--rfc", "9999", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("RFC 9999 is not in the catalog");
    assertThat(run("rfc")).isEqualTo(2);
    assertThat(err.toString()).contains("Name a section");
  }
}
