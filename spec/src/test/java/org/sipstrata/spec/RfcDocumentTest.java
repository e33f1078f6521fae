package org.sipstrata.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RfcDocumentTest {

  static RfcDocument fixture(int rfc) {
    try (InputStream in = RfcDocumentTest.class.getResourceAsStream("rfc/rfc" + rfc + ".txt")) {
      return RfcDocument.parse(rfc, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Nested
  @DisplayName("RFC 3581 (committed copy)")
  class Rfc3581 {
    final RfcDocument doc = fixture(3581);

    @Test
    @DisplayName("reads the title from the first page")
    void title() {
      assertThat(doc.rfc()).isEqualTo(3581);
      assertThat(doc.title())
          .isEqualTo(
              "An Extension to the Session Initiation Protocol (SIP) for Symmetric Response"
                  + " Routing");
    }

    @Test
    @DisplayName("finds every numbered section in order and skips the table of contents")
    void sections() {
      assertThat(doc.sections())
          .extracting(RfcSection::id)
          .containsExactly(
              "1", "2", "3", "4", "5", "6", "7", "8", "9", "9.1", "9.2", "9.3", "9.4", "9.5", "10",
              "11", "11.1", "11.2", "12", "13", "14");
      assertThat(doc.section("1").orElseThrow().firstLine()).isEqualTo(83);
      assertThat(doc.section("9.3").orElseThrow().title())
          .isEqualTo("Brittleness Introduced by this Specification");
      assertThat(doc.sections()).allSatisfy(s -> assertThat(s.text()).doesNotContain("....."));
    }

    @Test
    @DisplayName("a paragraph broken by a page break is contiguous again")
    void pageBreak() {
      RfcSection intro = doc.section("1").orElseThrow();
      assertThat(intro.text())
          .contains(
              "   information has proved useful for basic NAT traversal, debugging\n"
                  + "   purposes, and support of multi-homed hosts.  However, it is\n")
          .doesNotContain("[Page")
          .doesNotContain("RFC 3581 ")
          .doesNotContain("\f");
    }

    @Test
    @DisplayName("a section's lines keep their indentation and exclude the heading")
    void lines() {
      RfcSection syntax = doc.section("5").orElseThrow();
      assertThat(syntax.title()).isEqualTo("Syntax");
      assertThat(syntax.lines()).noneMatch(l -> l.startsWith("5."));
      assertThat(syntax.lines())
          .anyMatch(l -> l.contains("response-port = \"rport\" [EQUAL 1*DIGIT]"));
      assertThat(syntax.lines().getFirst()).startsWith("   ");
    }
  }

  @Test
  @DisplayName("RFC 7405 and RFC 8217: headings with a trailing dot and two spaces")
  void otherLayouts() {
    RfcDocument abnf = fixture(7405);
    assertThat(abnf.sections())
        .extracting(RfcSection::id)
        .containsExactly("1", "2", "2.1", "2.2", "3", "4");
    assertThat(abnf.section("2.1").orElseThrow().title())
        .isEqualTo("Terminal Values - Literal Text Strings");
    RfcDocument names = fixture(8217);
    assertThat(names.section("3").orElseThrow().title()).isEqualTo("Updates to RFC 3261");
    assertThat(names.section("3").orElseThrow().text()).contains("name-addr");
  }

  @Nested
  @DisplayName("small synthetic documents")
  class Synthetic {
    static final String FRONT =
        "Network Working Group                                          A. Author\n"
            + "Request for Comments: 9999                                    Example\n"
            + "\n"
            + "                        A Test Document\n"
            + "\n"
            + "Table of Contents\n"
            + "\n"
            + "   1 Introduction ..........................................    2\n"
            + "   A Table of Things .......................................    3\n"
            + "\n";

    @Test
    @DisplayName("appendix without the word Appendix, back matter and column-0 figure lines")
    void appendixAndBackMatter() {
      String text =
          FRONT
              + "1 Introduction\n\n   Text.\n\n"
              + "user          --          o      o\n"
              + "2 Second\n   More text that continues\n"
              + "\n\n\nAuthor, et. al.          Standards Track                     [Page 2]\n"
              + "\f\nRFC 9999            A Test Document           June 2002\n\n\n"
              + "   on the next page.\n\n"
              + "A Table of Things\n\n   Timer A.\n\n"
              + "Acknowledgments\n\n   Thanks.\n";
      RfcDocument doc = RfcDocument.parse(9999, text);
      assertThat(doc.title()).isEqualTo("A Test Document");
      assertThat(doc.sections()).extracting(RfcSection::id).containsExactly("1", "2", "A");
      assertThat(doc.section("1").orElseThrow().lines())
          .containsExactly("   Text.", "", "user          --          o      o");
      assertThat(doc.section("2").orElseThrow().lines())
          .containsExactly("   More text that continues", "   on the next page.");
      RfcSection appendix = doc.section("A").orElseThrow();
      assertThat(appendix.title()).isEqualTo("Table of Things");
      assertThat(appendix.lines()).containsExactly("   Timer A.");
      assertThat(appendix.anchor()).isEqualTo("appendix-A");
      assertThat(appendix.url()).isEqualTo("https://www.rfc-editor.org/rfc/rfc9999#appendix-A");
    }

    @Test
    @DisplayName("a page break after a finished sentence keeps one blank line")
    void pageBreakBetweenParagraphs() {
      String text =
          FRONT
              + "1.  Introduction\n\n   First paragraph ends here.\n\n\n"
              + "Author, et. al.          Standards Track                     [Page 2]\n"
              + "\fRFC 9999            A Test Document           June 2002\n\n\n"
              + "   Second paragraph.\n"
              + "Appendix A.  Long Title That Goes On\n"
              + "             And On\n\n   Body.\n";
      RfcDocument doc = RfcDocument.parse(9999, text);
      assertThat(doc.section("1").orElseThrow().lines())
          .containsExactly("   First paragraph ends here.", "", "   Second paragraph.");
      assertThat(doc.section("A").orElseThrow().title())
          .isEqualTo("Long Title That Goes On And On");
    }

    @Test
    @DisplayName("a column-0 number that does not follow the outline is not a heading")
    void outline() {
      assertThat(RfcDocument.follows(null, "1")).isTrue();
      assertThat(RfcDocument.follows("17.1.1.1", "17.1.1.2")).isTrue();
      assertThat(RfcDocument.follows("17.1.1.2", "17.1.2")).isTrue();
      assertThat(RfcDocument.follows("17.1.4", "17.2")).isTrue();
      assertThat(RfcDocument.follows("17.2", "17.2.1")).isTrue();
      assertThat(RfcDocument.follows("30", "A")).isTrue();
      assertThat(RfcDocument.follows("A", "A.1")).isTrue();
      assertThat(RfcDocument.follows("A.2", "B")).isTrue();
      assertThat(RfcDocument.follows("17.2", "17.2.2")).isFalse();
      assertThat(RfcDocument.follows("5", "200")).isFalse();
      assertThat(RfcDocument.follows("30", "B")).isFalse();
      assertThat(RfcDocument.follows("A", "2")).isFalse();
    }
  }

  @Test
  @DisplayName("a file name that is not rfcNNNN.txt is refused")
  void fileName() {
    assertThatThrownBy(() -> RfcDocument.read(Path.of("notes.txt")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Nested
  @DisplayName("the RFCs in the shared folder (skipped when it is absent)")
  class Shared {
    Path spec() {
      Path dir = Path.of(System.getProperty("strata.shared", "/work/shared"), "spec");
      assumeTrue(Files.isDirectory(dir), "no RFC folder at " + dir + ": shared-RFC tests skipped");
      return dir;
    }

    @Test
    @DisplayName("RFC 3261 has 315 sections, 1 to 30 and Appendix A")
    void rfc3261() {
      RfcDocument doc = RfcDocument.read(spec().resolve("rfc3261.txt"));
      assertThat(doc.title()).isEqualTo("SIP: Session Initiation Protocol");
      assertThat(doc.sections()).hasSize(315);
      assertThat(doc.sections().getFirst().id()).isEqualTo("1");
      assertThat(doc.sections().getLast().id()).isEqualTo("A");
      assertThat(doc.section("A").orElseThrow().title()).isEqualTo("Table of Timer Values");
      assertThat(doc.section("23.4").orElseThrow().title())
          .isEqualTo("SIP Header Privacy and Integrity using S/MIME: Tunneling SIP");
      assertThat(doc.section("13.2.2.1").orElseThrow().title()).isEqualTo("1xx Responses");
      RfcSection timers = doc.section("17.1.1.2").orElseThrow();
      assertThat(timers.title()).isEqualTo("Formal Description");
      assertThat(timers.url()).isEqualTo("https://www.rfc-editor.org/rfc/rfc3261#section-17.1.1.2");
      // The message-header rule of §25.1 runs from page 223 onto page 224.
      assertThat(doc.section("25.1").orElseThrow().text())
          .contains("                /  Reply-To\n                /  Require\n");
      // Lines 6999-7003 of the published text: "retransmit" ends page 125.
      assertThat(timers.text())
          .contains(
              "The formal definition of retransmit\n"
                  + "   within the context of the transaction layer");
    }

    @Test
    @DisplayName("RFC 3986 and RFC 5234 appendices written as 'Appendix A.'")
    void appendices() {
      RfcDocument uri = RfcDocument.read(spec().resolve("rfc3986.txt"));
      assertThat(uri.sections()).hasSize(74);
      assertThat(uri.section("A").orElseThrow().title()).isEqualTo("Collected ABNF for URI");
      assertThat(uri.section("D.2").orElseThrow().title()).isEqualTo("Modifications");
      RfcDocument abnf = RfcDocument.read(spec().resolve("rfc5234.txt"));
      assertThat(abnf.section("B.1").orElseThrow().text())
          .contains("ALPHA          =  %x41-5A / %x61-7A");
    }
  }
}
