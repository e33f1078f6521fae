package org.sipstrata.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipstrata.spec.internal.RequirementExtractor;

class RequirementExtractorTest {

  private static RfcSection section(String... lines) {
    return new RfcSection(9999, "1.2", "Test", List.of(lines), 10);
  }

  @Test
  @DisplayName("RFC 3261 §17.1.1.2: the Timer B sentence is a MUST requirement")
  void timerB() {
    RfcEntry rfc3261 = Catalog.load().rfc(3261).orElseThrow();
    assertThat(rfc3261.requirements("17.1.1.2"))
        .contains(
            new Requirement(
                3261,
                "17.1.1.2",
                5,
                Level.MUST,
                "For any transport, the client transaction MUST start timer B with a value of"
                    + " 64*T1 seconds (Timer B controls transaction timeouts)."));
  }

  @Test
  @DisplayName("the strongest keyword of a sentence gives its level")
  void strongestWins() {
    assertThat(RequirementExtractor.level("Elements MAY (though it is NOT RECOMMENDED) use it."))
        .isEqualTo(Level.SHOULD);
    assertThat(RequirementExtractor.level("It MAY be sent, and MUST NOT be retransmitted."))
        .isEqualTo(Level.MUST);
    assertThat(RequirementExtractor.level("This is OPTIONAL.")).isEqualTo(Level.MAY);
    assertThat(RequirementExtractor.level("It SHALL be sent.")).isEqualTo(Level.MUST);
    assertThat(RequirementExtractor.level("Implementations must be lenient.")).isNull();
    assertThat(RequirementExtractor.level("The words \"MUST\" and \"MAY\" are defined there."))
        .isNull();
    assertThat(RequirementExtractor.level("The MUSTARD header is unrelated.")).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          e.g. and i.e. do not end a sentence      | Use a transport (e.g. UDP) MUST work, i.e. Always.  Next one.          | 2
          section numbers do not end a sentence    | See Section 17.1.1.2 for this.  It MUST hold.                           | 2
          a section number may end a sentence      | The text is in Section 18.2.1.  It MUST hold.                          | 2
          et al. is an abbreviation                | Rosenberg et al. Wrote it.  It MUST hold.                               | 2
          an initial is not a sentence end         | Written by J. Rosenberg for us.  It MUST hold.                          | 2
          a question mark ends a sentence          | Why? Because it MUST.                                                   | 2
          a closing quote stays with its sentence  | It is "calling."  Then it MUST go.                                       | 2
          lowercase after a period does not split  | Use the value 1. with care.                                              | 1
          """)
  void sentenceSplitting(String name, String paragraph, int count) {
    assertThat(RequirementExtractor.split(paragraph)).hasSize(count);
  }

  @Test
  @DisplayName("sentences keep their text, whitespace normalised, list markers dropped")
  void splitText() {
    assertThat(RequirementExtractor.split("o  The UAS MUST  do it.  Then it SHOULD stop."))
        .containsExactly("The UAS MUST do it.", "Then it SHOULD stop.");
  }

  @Test
  @DisplayName("ABNF, figures, tables and message examples yield no sentences")
  void artIsSkipped() {
    RfcSection s =
        section(
            "   The rule is as follows.  Its value MUST be a token.",
            "",
            "      Via  =  ( \"Via\" / \"v\" ) HCOLON via-parm *(COMMA via-parm)",
            "      via-parm = sent-protocol LWS sent-by *( SEMI via-params )",
            "",
            "      INVITE sip:bob@biloxi.com SIP/2.0",
            "      Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds",
            "      Require: MUST",
            "",
            "                     |INVITE            |MUST",
            "                     +-----------+      |",
            "",
            "   Header field     where   proxy ACK  MAY",
            "   Contact           R        o     -   MUST",
            "",
            "   The request MUST be sent over a transport that is",
            "   reliable.");
    assertThat(RequirementExtractor.extract(s))
        .extracting(Requirement::ordinal, Requirement::level, Requirement::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, Level.MUST, "Its value MUST be a token."),
            org.assertj.core.groups.Tuple.tuple(
                2, Level.MUST, "The request MUST be sent over a transport that is reliable."));
  }

  @Test
  @DisplayName("a compound hyphenated at a line end is joined without a space")
  void hyphenAtLineEnd() {
    RfcSection s = section("   A non-", "   INVITE request MUST be answered.");
    assertThat(RequirementExtractor.extract(s).getFirst().text())
        .isEqualTo("A non-INVITE request MUST be answered.");
    assertThat(s.normalizedText()).isEqualTo("A non-INVITE request MUST be answered.");
  }
}
