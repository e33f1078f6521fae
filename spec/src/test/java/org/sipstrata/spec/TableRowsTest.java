package org.sipstrata.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipstrata.spec.internal.TraceabilityMain;

class TableRowsTest {

  static final String S = "https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2";
  static final String LISTING =
      String.join(
          "\n",
          "# id, section, row",
          "F5.3\t" + S + "\tF5.3  Calling --Timer A fires--> Calling",
          "F5.4\t" + S + "\tF5.4  Calling --Timer B fires--> Terminated",
          "");
  static final String TEST =
      "m/src/test/java/org/example/ClientTest.java";

  /** A source tree whose one test claims F5.3 (and, when {@code both}, F5.4). */
  static Path tree(Path root, boolean both) throws IOException {
    Path test = root.resolve(TEST);
    Files.createDirectories(test.getParent());
    Files.writeString(
        test,
        String.join(
            "\n",
            "class ClientTest {",
            "  void timers() {",
            "    //= " + S,
            "    //= type=test",
            "    //= row=F5.3",
            both ? "    //= row=F5.4" : "",
            "    //# When timer A fires, the client transaction MUST retransmit the",
            "    //# request by passing it to the transport layer",
            "    check();",
            "  }",
            "}",
            ""));
    Files.writeString(root.resolve("rows.tsv"), LISTING);
    return root;
  }

  @Test
  @DisplayName("a listing reads as rows; a malformed or repeated row names its line")
  void parse() {
    List<TableRows.TableRow> rows = TableRows.parse("rows.tsv", LISTING);
    assertThat(rows).extracting(TableRows.TableRow::id).containsExactly("F5.3", "F5.4");
    assertThat(rows.get(0).source()).isEqualTo(S);
    assertThatThrownBy(() -> TableRows.parse("rows.tsv", "F5.3 no tabs"))
        .hasMessage("rows.tsv:1: expected id<TAB>section URL<TAB>text");
    assertThatThrownBy(() -> TableRows.parse("rows.tsv", LISTING + LISTING))
        .hasMessage("rows.tsv:5: row F5.3 twice");
  }

  @Test
  @DisplayName("a row is tested when a valid test citation names it; an unnamed row is an error")
  void coverage(@TempDir Path root) throws IOException {
    Traceability t = Traceability.scan(tree(root, false), Catalog.load());
    assertThat(t.errors()).isEmpty();
    List<TableRows.TableRow> rows = TableRows.parse("rows.tsv", LISTING);
    List<TableRows.RowCoverage> coverage = TableRows.coverage(rows, t);
    assertThat(coverage).extracting(TableRows.RowCoverage::tested).containsExactly(true, false);
    assertThat(coverage.get(0).tests()).extracting(Citation::location).containsExactly(TEST + ":3");
    assertThat(TableRows.check(rows, t, "rows.tsv"))
        .extracting(Finding::toString)
        .containsExactly(
            "rows.tsv:1: no test claims row F5.4: F5.4  Calling --Timer B fires--> Terminated");
  }

  @Test
  @DisplayName("a claim of a row that is not listed, or in a citation of another section, is an error")
  void wrongClaims(@TempDir Path root) throws IOException {
    Traceability t = Traceability.scan(tree(root, true), Catalog.load());
    List<TableRows.TableRow> other =
        List.of(
            new TableRows.TableRow(
                "F5.3", "https://www.rfc-editor.org/rfc/rfc3261#section-17.1.4", "F5.3 moved"));
    assertThat(TableRows.check(other, t, "rows.tsv"))
        .extracting(Finding::toString)
        .containsExactly(
            TEST
                + ":3: row F5.3 is defined by https://www.rfc-editor.org/rfc/rfc3261#section-17.1.4,"
                + " not by "
                + S,
            TEST + ":3: row F5.4 is not in rows.tsv");
  }

  @Test
  @DisplayName("with --rows the report counts the rows and the build step fails on an untested row")
  void main(@TempDir Path root) throws IOException {
    tree(root, true);
    String[] args = {
      "--root", root.toString(),
      "--snapshot", root.resolve("out/t.txt").toString(),
      "--adoc", root.resolve("out/t.adoc").toString(),
      "--rows", root.resolve("rows.tsv").toString()
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(TraceabilityMain.run(args, print(out), print(err)))
        .as(err.toString(StandardCharsets.UTF_8))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("; Transition table rows: 2 rows, 2 tested, missing: none");
    assertThat(Files.readString(root.resolve("out/t.txt")))
        .contains(
            "Transition table rows: 2 rows, 2 tested, missing: none\n"
                + "  F5.3  Calling --Timer A fires--> Calling\n"
                + "         test "
                + TEST
                + ":3\n");
    assertThat(Files.readString(root.resolve("out/t.adoc"))).contains("== Transition table rows");

    tree(root, false);
    err.reset();
    assertThat(TraceabilityMain.run(args, print(out), print(err))).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no test claims row F5.4")
        .contains("traceability: 1 transition-table row error(s)");
  }

  private static PrintStream print(ByteArrayOutputStream out) {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }
}
