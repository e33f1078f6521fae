package org.sipstrata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("strata parse")
class ParseCommandTest {

  private static final String VALID =
      "OPTIONS sip:user@example.com SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bK776\r\n"
          + "From: caller<sip:caller@example.com>;tag=323\r\n"
          + "To: sip:user@example.com\r\n"
          + "Call-ID: lwsdisp.1234abcd@funky.example.com\r\n"
          + "CSeq: 60 OPTIONS\r\n"
          + "Max-Forwards: 70\r\n"
          + "l: 0\r\n"
          + "\r\n";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Strata.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private Path file(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  @DisplayName("--grammar: a valid message prints FILE: OK and exits 0")
  void validFile() throws IOException {
    Path ok = file("ok.sip", VALID);
    assertThat(run("parse", "--grammar", "--strict", ok.toString())).isZero();
    assertThat(out.toString()).isEqualTo(ok + ": OK\n");
  }

  @Test
  @DisplayName("--grammar: an invalid message prints the error sentence and exits 1")
  void invalidFile() throws IOException {
    Path ok = file("ok.sip", VALID);
    Path bad = file("bad.sip", VALID.replace("SIP/2.0\r\n", "SIP/2.0 \r\n"));
    assertThat(run("parse", "--grammar", "--strict", ok.toString(), bad.toString())).isEqualTo(1);
    assertThat(out.toString())
        .isEqualTo(
            ok + ": OK\n"
                + bad
                + ": line 1, column 37: expected CRLF (RFC 3261 §25.1, Request-Line) but found"
                + " \" \"\n");
  }

  @Test
  @DisplayName("--grammar --strict rejects a known header that matches only extension-header")
  void strictRejectsMalformedKnownHeader() throws IOException {
    Path file = file("mf.sip", VALID.replace("Max-Forwards: 70", "Max-Forwards: seventy"));
    assertThat(run("parse", "--grammar", file.toString())).isZero();
    out.getBuffer().setLength(0);
    assertThat(run("parse", "--grammar", "--strict", file.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("Max-Forwards").contains("line 7, column 15");
  }

  @Test
  @DisplayName("--tree prints the parse tree with ABNF rule names, indented")
  void tree() throws IOException {
    Path ok = file("ok.sip", VALID);
    assertThat(run("parse", "--strict", "--tree", ok.toString())).isZero();
    assertThat(out.toString())
        .contains("\nSIP-message \"OPTIONS sip:user@example.com SIP/2.0\\r\\n")
        .contains("\n  Request \"")
        .contains("\n    Request-Line \"OPTIONS sip:user@example.com SIP/2.0\\r\\n\"")
        .contains("sent-by \"host.example.com\"");
  }

  @Test
  @DisplayName("a missing file is reported and the exit status is 1")
  void missingFile() {
    assertThat(run("parse", dir.resolve("none.sip").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("none.sip: cannot read");
  }

  @Test
  @DisplayName("by default every header field present is printed as its typed value")
  void typedPrintsTypedValues() throws IOException {
    Path ok = file("ok.sip", VALID);

    assertThat(run("parse", ok.toString())).isZero();

    assertThat(out.toString())
        .startsWith(ok + ": OK\n")
        .contains("  Request-URI: sip:user@example.com")
        .containsPattern("  Via: .*z9hG4bK776")
        .containsPattern("  From: .*caller.*323")
        .containsPattern("  CSeq: .*60.*OPTIONS")
        .contains("  Max-Forwards: 70")
        .contains("  Content-Length: 0");
  }

  @Test
  @DisplayName("by default a malformed header value is reported as malformed, with its place, and exits 1")
  void typedReportsMalformedValues() throws IOException {
    Path bad = file("bad.sip", VALID.replace("CSeq: 60 OPTIONS", "CSeq: sixty OPTIONS"));

    assertThat(run("parse", bad.toString())).isEqualTo(1);

    assertThat(out.toString())
        .startsWith(bad + ": line 6")
        .containsPattern("  CSeq: malformed: line 6, column \\d+: .*CSeq");
  }

  @Test
  @DisplayName("--typed is still accepted and gives the same output as the default")
  void typedIsTheDefault() throws IOException {
    Path ok = file("ok.sip", VALID);
    assertThat(run("parse", ok.toString())).isZero();
    String byDefault = out.toString();
    out.getBuffer().setLength(0);
    assertThat(run("parse", "--typed", ok.toString())).isZero();
    assertThat(out.toString()).isEqualTo(byDefault).contains("  Via: ");
  }

  @Test
  @DisplayName("--strict with typed output also runs the whole-message rule; --tree and --rule select the grammar check")
  void strictAndGrammarSelection() throws IOException {
    Path file = file("mf.sip", VALID.replace("Max-Forwards: 70", "Max-Forwards: seventy"));
    assertThat(run("parse", file.toString())).isEqualTo(1);
    assertThat(out.toString()).startsWith(file + ": line 7").contains("  Max-Forwards: malformed: ");
    out.getBuffer().setLength(0);
    Path ok = file("ok.sip", VALID);
    assertThat(run("parse", "--strict", ok.toString())).isZero();
    assertThat(out.toString()).startsWith(ok + ": OK\n").contains("  CSeq: ");
    out.getBuffer().setLength(0);
    Path line = file("line.txt", "OPTIONS sip:user@example.com SIP/2.0\r\n");
    assertThat(run("parse", "--rule", "Request-Line", line.toString())).isZero();
    assertThat(out.toString()).isEqualTo(line + ": OK\n");
    out.getBuffer().setLength(0);
    assertThat(run("parse", "--tree", ok.toString())).isZero();
    assertThat(out.toString()).startsWith(ok + ": OK\nSIP-message ");
  }

  @Test
  @DisplayName("a tel URI in the Request-URI and To is printed typed")
  void telUri() throws IOException {
    Path tel = file("tel.sip", VALID.replace("OPTIONS sip:user@example.com", "OPTIONS tel:+1-201-555-0123")
        .replace("To: sip:user@example.com", "To: <tel:+1-201-555-0123;ext=7>"));
    assertThat(run("parse", tel.toString())).as(() -> out.toString()).isZero();
    assertThat(out.toString()).contains("  Request-URI: tel:+1-201-555-0123\n",
        "  To: <tel:+1-201-555-0123;ext=7>");
  }
}
