package org.sipstrata.abnf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("GrammarPage (each ABNF rule beside its emitted ANTLR rule, as AsciiDoc)")
class GrammarPageTest {

  static final String BASE = """
      ; //= https://www.rfc-editor.org/rfc/rfc3261#section-25.1
      CSeq  =  "CSeq" HCOLON 1*DIGIT LWS Method
      Method  =  "INVITE" / "ACK" / token
      token  =  1*(ALPHA / "-" / "+" / "*" / "|" / "<" / "[")
      HCOLON  =  *( SP / HTAB ) ":"
      LWS  =  1*SP
      ; //= https://www.rfc-editor.org/rfc/rfc5234#appendix-B.1
      ALPHA  =  %x41-5A / %x61-7A
      DIGIT  =  %x30-39
      SP  =  %x20
      HTAB  =  %x09
      """;

  static final String OVERLAY = """
      ; Overlay header: not the reason of any rule.

      ; ----------------------------------------------------------------
      ; 1. Methods in upper case only [demo].
      ; A reason with AsciiDoc specials: a|b *bold* <tag> {attr} +plus+.
      ; //= https://www.rfc-editor.org/rfc/rfc3261#section-7.1
      ; //# The method names
      ; //# are case-sensitive.

      Method  =  %s"INVITE" / %s"ACK" / token

      ; ----------------------------------------------------------------
      ; 2. A new method.

      Method  =/  %s"BYE"
      extra  =  "x"
      """;

  static final EmitterOptions OPTIONS =
      EmitterOptions.of("DemoParser", List.of("CSeq", "extra")).withInline(List.of("LWS"));

  static String render() throws AbnfException {
    return GrammarPage.render("Demo <rules>", List.of(new GrammarPage.Source("dir/base.abnf", BASE)),
        List.of(new GrammarPage.Source("dir/overlay.abnf", OVERLAY)), OPTIONS,
        url -> url.endsWith("section-25.1") ? Optional.of("Basic Rules") : Optional.empty()).asciidoc();
  }

  static Emission emission() {
    return AntlrEmitter.emit(RuleSet.combine(List.of(AbnfReader.read("dir/base.abnf", BASE)),
        List.of(AbnfReader.read("dir/overlay.abnf", OVERLAY))), OPTIONS);
  }

  /** The text of the rule's part of the page, from its anchor to the next rule's anchor. */
  static String ruleBlock(String page, String key) {
    int from = page.indexOf("[#abnf-" + key + "]");
    assertThat(from).as("anchor of " + key).isNotNegative();
    int to = page.indexOf("[#", from + 1);
    return page.substring(from, to < 0 ? page.length() : to);
  }

  @Test
  @DisplayName("the emission exposes each rule's ANTLR text exactly as it is in the .g4")
  void emittedRulesAreTheGrammarText() {
    Emission emission = emission();
    assertThat(emission.ok()).isTrue();
    assertThat(emission.rules()).extracting(EmittedRule::abnfName)
        .containsExactly("CSeq", "Method", "token", "HCOLON", "LWS", "ALPHA", "DIGIT", "SP", "HTAB", "extra");
    for (EmittedRule r : emission.rules()) {
      assertThat(emission.grammar()).contains("\n" + r.text() + "\n");
    }
    EmittedRule cseq = emission.rule("cseq").orElseThrow();
    assertThat(cseq.antlrName()).isEqualTo("cseq");
    assertThat(cseq.entryRule()).map(EmittedRule.Entry::name).contains("cseqEof");
    assertThat(emission.grammar()).contains(cseq.entryRule().orElseThrow().text());
    assertThat(cseq.use()).isEqualTo(EmittedRule.Use.CALLED);
    assertThat(emission.rule("ALPHA").orElseThrow().use()).isEqualTo(EmittedRule.Use.TOKEN_SET);
    assertThat(emission.rule("LWS").orElseThrow().use()).isEqualTo(EmittedRule.Use.EXPANDED);
    assertThat(emission.rule("nowhere")).isEmpty();
  }

  @Test
  @DisplayName("an emission with errors has no per-rule view")
  void noRulesOnErrors() {
    Emission bad = AntlrEmitter.emit(RuleSet.of(AbnfReader.read("x", "a = b\n")), EmitterOptions.of("X", List.of("a")));
    assertThat(bad.ok()).isFalse();
    assertThat(bad.rules()).isEmpty();
  }

  @Test
  @DisplayName("each rule shows its ABNF text with file and line, its ANTLR name and its emitted ANTLR text")
  void ruleBesideItsAntlrForm() throws Exception {
    String page = render();
    String cseq = ruleBlock(page, "cseq");
    assertThat(cseq).contains("=== CSeq", "`pass:c[base.abnf]` line 2", "ANTLR rule `pass:c[cseq]`",
        "entry rule `pass:c[cseqEof]`", "As written in the RFC.",
        "CSeq  =  \"CSeq\" HCOLON 1*DIGIT LWS Method");
    // the ANTLR cell holds the emitter's text, with "|" escaped for the table cell
    String emitted = emission().rule("CSeq").orElseThrow().text().stripTrailing();
    assertThat(cseq).contains("[source,antlr,subs=\"specialchars\"]\n----\n" + emitted.replace("|", "\\|"));
    assertThat(emitted).contains("(X43 | X63) (X53 | X73)"); // "CSeq" is case-insensitive
    assertThat(cseq).contains("cseqEof\n  : cseq EOF\n  ;");
    assertThat(page).doesNotContain("dir/base.abnf");
  }

  @Test
  @DisplayName("rules are grouped by the section they are cited from, in source order, with its URL")
  void groupedBySection() throws Exception {
    String page = render();
    int rfc3261 = page.indexOf("== pass:c[RFC 3261 §25.1] pass:c[Basic Rules]");
    int rfc5234 = page.indexOf("== pass:c[RFC 5234 Appendix B.1]\n");
    assertThat(rfc3261).isPositive();
    assertThat(rfc5234).isGreaterThan(rfc3261);
    assertThat(page).contains("https://www.rfc-editor.org/rfc/rfc3261#section-25.1[pass:c[RFC 3261 §25.1]]");
    assertThat(page.indexOf("=== CSeq")).isBetween(rfc3261, rfc5234);
    assertThat(page.indexOf("=== Method")).isBetween(page.indexOf("=== CSeq"), rfc5234);
    assertThat(page.indexOf("=== ALPHA")).isGreaterThan(rfc5234);
    // a rule the overlay adds is grouped under the section cited before it in the overlay
    int rfc3261s71 = page.indexOf("== pass:c[RFC 3261 §7.1]\n");
    assertThat(rfc3261s71).isGreaterThan(rfc5234);
    assertThat(page.indexOf("=== extra")).isGreaterThan(rfc3261s71);
    assertThat(page).doesNotContain("Rules without a section citation");
  }

  @Test
  @DisplayName("a replaced or extended rule shows the RFC text, the overlay text and the overlay's reason")
  void overlayChanges() throws Exception {
    String method = ruleBlock(render(), "method");
    assertThat(method).contains("*Replaced by the overlay.*",
        ".pass:c[base.abnf line 3]", "Method  =  \"INVITE\" / \"ACK\" / token",
        ".pass:c[overlay.abnf line 10, overlay, replaces it]", "Method  =  %s\"INVITE\" / %s\"ACK\" / token",
        ".pass:c[overlay.abnf line 15, overlay, adds alternatives]", "Method  =/  %s\"BYE\"");
    assertThat(method).contains("[NOTE]\n.Why the overlay changes it\n====\n"
        + "pass:c[1. Methods in upper case only [demo\\]. A reason with AsciiDoc specials: a|b *bold* <tag>"
        + " {attr} +plus+.]\n\n"
        + "Cites https://www.rfc-editor.org/rfc/rfc3261#section-7.1[pass:c[RFC 3261 §7.1]]:\n\n"
        + "....\nThe method names\nare case-sensitive.\n....\n");
    assertThat(method).contains("pass:c[2. A new method.]").doesNotContain("Overlay header");
    assertThat(render()).contains("** Changed by the overlay: <<abnf-method,Method>>.\n",
        "** Added by the overlay: <<abnf-extra,extra>>.\n");
    String extra = ruleBlock(render(), "extra");
    assertThat(extra).contains("*New rule from the overlay.*", "Added by the overlay in `pass:c[overlay.abnf]` line 16");
  }

  @Test
  @DisplayName("inlined rules say so: token sets and --inline expansions")
  void inlinedRules() throws Exception {
    String page = render();
    assertThat(ruleBlock(page, "alpha")).contains("Inlined as a token set");
    assertThat(ruleBlock(page, "lws")).contains("Expanded at every reference");
    assertThat(ruleBlock(page, "cseq")).doesNotContain("Inlined", "Expanded");
    assertThat(page).contains("|<<abnf-alpha,ALPHA>> |`pass:c[alpha]` |token set",
        "|<<abnf-cseq,CSeq>> |`pass:c[cseq]`, `pass:c[cseqEof]` |call the rule");
  }

  @Test
  @DisplayName("AsciiDoc specials cannot break a table: every | inside a cell is escaped, listings are verbatim")
  void escaping() throws Exception {
    String page = render();
    String token = ruleBlock(page, "token");
    assertThat(token).contains("token  =  1*(ALPHA / \"-\" / \"+\" / \"*\" / \"\\|\" / \"<\" / \"[\")");
    // Inside every table, after the header row, a "|" is either a cell start ("a|" at a line start,
    // or a "|"-led cell in the mapping table) or escaped.
    Matcher tables = Pattern.compile("\\|===\\n(.*?)\\n\\|===", Pattern.DOTALL).matcher(page);
    int count = 0;
    while (tables.find()) {
      count++;
      for (String line : tables.group(1).split("\n")) {
        if (line.startsWith("|")) {
          continue; // header and mapping rows: rule names and ANTLR names only
        }
        String rest = line.startsWith("a|") ? line.substring(2) : line;
        assertThat(rest.replace("\\|", "")).as("line in a table: " + line).doesNotContain("|");
      }
    }
    assertThat(count).isEqualTo(11); // ten rules and the name mapping
    assertThat(GrammarPage.cellListing("a | b")).isEqualTo("a \\| b");
    assertThat(GrammarPage.plain("x]y")).isEqualTo("pass:c[x\\]y]");
  }

  @Test
  @DisplayName("AbnfTool page writes the page; emission errors fail it with diagnostics")
  void command(@TempDir Path dir) throws Exception {
    Path base = dir.resolve("base.abnf");
    Path overlay = dir.resolve("overlay.abnf");
    Files.writeString(base, BASE);
    Files.writeString(overlay, OVERLAY);
    Path target = dir.resolve("out/page.adoc");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    AbnfTool.run(new String[] {"page", "--abnf", base.toString(), "--overlay", overlay.toString(),
        "--start", "CSeq", "--start", "extra", "--inline", "LWS", "--grammar", "DemoParser",
        "--title", "Demo", "--out", target.toString()}, print, print);
    String page = Files.readString(target);
    assertThat(page).startsWith("= pass:c[Demo]\n").contains("=== CSeq", "[#name-mapping]");
    // section titles come from the project's RFC catalog
    assertThat(page).contains("== pass:c[RFC 5234 Appendix B.1] pass:c[Core Rules]", "== pass:c[RFC 3261 §7.1] pass:c[Requests]");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote " + target);

    // --expect-grammar: the page must show exactly the grammar the build emitted
    AbnfTool.run(new String[] {"emit", "--abnf", base.toString(), "--overlay", overlay.toString(),
        "--start", "CSeq", "--start", "extra", "--inline", "LWS", "--grammar", "DemoParser",
        "--out", dir.toString()}, print, print);
    Path g4 = dir.resolve("DemoParser.g4");
    AbnfTool.run(new String[] {"page", "--abnf", base.toString(), "--overlay", overlay.toString(),
        "--start", "CSeq", "--start", "extra", "--inline", "LWS", "--grammar", "DemoParser",
        "--title", "Demo", "--expect-grammar", g4.toString(), "--out", target.toString()}, print, print);
    assertThatThrownBy(() -> AbnfTool.run(new String[] {"page", "--abnf", base.toString(), "--overlay",
        overlay.toString(), "--start", "CSeq", "--start", "extra", "--grammar", "DemoParser",
        "--title", "Demo", "--expect-grammar", g4.toString(), "--out", target.toString()}, print, print))
        .isInstanceOf(AbnfException.class)
        .hasMessageContaining("the grammar shown on the page differs from " + g4 + " at line ");
    assertThatThrownBy(() -> AbnfTool.run(new String[] {"page", "--abnf", base.toString(), "--start", "CSeq",
        "--grammar", "DemoParser", "--title", "Demo", "--expect-grammar", "classpath:no/such.g4",
        "--out", target.toString()}, print, print))
        .hasMessageContaining("no resource no/such.g4 on the class path");

    assertThatThrownBy(() -> AbnfTool.run(new String[] {"page", "--abnf", base.toString(), "--start", "nope",
        "--grammar", "DemoParser", "--title", "Demo", "--out", target.toString()}, print, print))
        .isInstanceOf(AbnfException.class).hasMessageContaining("start rule nope is not defined");
    assertThatThrownBy(() -> AbnfTool.run(new String[] {"page", "--abnf", base.toString(), "--start", "CSeq",
        "--grammar", "DemoParser", "--out", target.toString()}, print, print))
        .hasMessageContaining("--title must be given exactly once");
  }
}
