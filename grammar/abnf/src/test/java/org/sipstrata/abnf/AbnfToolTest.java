package org.sipstrata.abnf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("AbnfTool (the command line, also run by exec:java)")
class AbnfToolTest {

  @TempDir
  Path dir;

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  void run(String... args) throws AbnfException {
    AbnfTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("extract then emit: writes the .abnf, prints the rule count, writes .g4 and .rules.tsv")
  void extractAndEmit() throws Exception {
    Path core = dir.resolve("core.abnf");
    run("extract", "--rfc", TestFiles.rfc(5234).toString(), "--section", "B.1", "--out", core.toString());
    assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("16");
    assertThat(Files.readString(core)).contains("; //= https://www.rfc-editor.org/rfc/rfc5234#appendix-B.1\nALPHA");

    Path overlay = dir.resolve("overlay.abnf");
    Files.writeString(overlay, "LWSP = *WSP\n");
    run("emit", "--abnf", core.toString(), "--overlay", overlay.toString(), "--start", "LWSP", "--start", "HEXDIG",
        "--inline", "WSP", "--grammar", "CoreParser", "--out", dir.resolve("gen").toString());
    assertThat(Files.readString(dir.resolve("gen/CoreParser.g4"))).contains("parser grammar CoreParser;",
        "lwspEof\n  : lwsp EOF", "\nlwsp\n  : (X09 | X20)*\n");
    assertThat(Files.readString(dir.resolve("gen/CoreParser.rules.tsv"))).contains("lwsp\tLWSP\t");
    // reproducible output: comments name the ABNF file, not the directory the build ran in
    assertThat(Files.readString(dir.resolve("gen/CoreParser.g4"))).contains("// ABNF overlay.abnf:1:1:")
        .doesNotContain(dir.toString());
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("warning: rule BIT is not reachable");
  }

  @Test
  @DisplayName("errors throw an AbnfException listing file:line:column diagnostics, and write nothing")
  void errors() throws Exception {
    Path bad = dir.resolve("bad.abnf");
    Files.writeString(bad, "a = b \"unterminated\nc = d\n");
    assertThatThrownBy(() -> run("emit", "--abnf", bad.toString(), "--start", "c", "--grammar", "G",
        "--out", dir.toString()))
        .isInstanceOf(AbnfException.class)
        .hasMessageContaining(bad + ":1:7: error: unterminated quoted string (a char-val ends on its line) in rule a")
        .hasMessageContaining(bad + ":2:5: error: rule d is referenced by c but never defined");
    assertThat(dir.resolve("G.g4")).doesNotExist();
    assertThatThrownBy(() -> run("emit", "--abnf", dir.resolve("missing.abnf").toString(), "--start", "a",
        "--grammar", "G", "--out", dir.toString()))
        .isInstanceOf(AbnfException.class).hasMessageContaining("cannot read ABNF");
  }

  @Test
  @DisplayName("bad command lines are explained with the usage")
  void usage() {
    assertThatThrownBy(() -> run()).isInstanceOf(AbnfException.class).hasMessageContaining("usage:");
    assertThatThrownBy(() -> run("frobnicate")).hasMessageContaining("unknown command 'frobnicate'");
    assertThatThrownBy(() -> run("emit", "--abnf")).hasMessageContaining("--abnf needs a value");
    assertThatThrownBy(() -> run("extract", "--rfc", "x")).hasMessageContaining("--section must be given exactly once");
  }
}
