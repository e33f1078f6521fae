package org.sipstrata.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.atn.DecisionInfo;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.sipstrata.grammar.internal.ByteTokenStream;
import org.sipstrata.grammar.internal.RuleTable;
import org.sipstrata.grammar.internal.antlr.SipParser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs of white space must cost the parser work in proportion to their length. The measure is
 * deterministic, not a clock: ANTLR's profiler counts the tokens each prediction looks at. When
 * the same run of white space can be matched in two places (the SWS that ends HCOLON and the SWS
 * that starts LAQUOT, say), every step through the run looks ahead to its end and the count grows
 * with the square of the length; then doubling the run quadruples the count.
 */
@DisplayName("white space runs cost the parser linear work")
class WhitespaceLinearWorkTest {

  private static final int N = 1_000;

  /** {@code %s} is replaced by a run of spaces. */
  static Stream<Arguments> inputs() {
    return Stream.of(
        Arguments.of(EntryRule.FROM, "From:%s<sip:alice@atlanta.com>;tag=1928301774"),
        Arguments.of(EntryRule.FROM, "From:%s\"Alice\" <sip:alice@atlanta.com>;tag=1"),
        Arguments.of(EntryRule.FROM, "From:%sAlice Liddell <sip:alice@atlanta.com>"),
        Arguments.of(EntryRule.FROM, "From:%ssip:alice@atlanta.com;tag=1"),
        Arguments.of(EntryRule.FROM, "From: Alice%s<sip:alice@atlanta.com>"),
        Arguments.of(EntryRule.FROM, "From: sip:alice@atlanta.com%s;%stag=1"),
        Arguments.of(EntryRule.FROM, "From: <sip:a@b>;x=%s\"quoted\""),
        Arguments.of(EntryRule.FROM, "From: <sip:a@b>%s;%stag=1"),
        Arguments.of(EntryRule.FROM, "From: \"A\" <sip:a@b>%s"),
        Arguments.of(EntryRule.TO, "To:%s<sip:bob@biloxi.com>"),
        Arguments.of(EntryRule.TO, "To:%s\"Bob\"%s<sip:bob@biloxi.com>"),
        Arguments.of(EntryRule.TO, "To: Bob <sip:bob@biloxi.com>%s;%stag=2"),
        Arguments.of(EntryRule.CONTACT, "Contact:%s<sip:alice@pc33.atlanta.com>"),
        Arguments.of(EntryRule.CONTACT, "Contact:%s*"),
        Arguments.of(EntryRule.CONTACT, "Contact: <sip:a@b>,%s<sip:c@d>"),
        Arguments.of(EntryRule.CONTACT, "Contact: <sip:a@b>,%s\"C\" <sip:c@d>"),
        Arguments.of(EntryRule.CONTACT, "Contact: sip:a@b%s,%ssip:c@d"),
        Arguments.of(EntryRule.CONTACT, "Contact: <sip:a@b>%s,<sip:c@d>"),
        Arguments.of(EntryRule.CONTACT, "Contact: <sip:a@b>%s"),
        Arguments.of(EntryRule.CONTACT, "Contact: <sip:a@b>;q=0.5%s,%s<sip:c@d>%s"),
        Arguments.of(EntryRule.ROUTE, "Route:%s<sip:p1.example.com;lr>"),
        Arguments.of(EntryRule.ROUTE, "Route: <sip:p1.example.com;lr>,%s<sip:p2.example.com;lr>"),
        Arguments.of(EntryRule.ROUTE, "Route: <sip:p1;lr>%s,%s<sip:p2;lr>%s"),
        Arguments.of(EntryRule.RECORD_ROUTE, "Record-Route:%s<sip:p1.example.com;lr>"),
        Arguments.of(EntryRule.RECORD_ROUTE, "Record-Route: <sip:p1;lr>%s,<sip:p2;lr>%s;x"),
        Arguments.of(EntryRule.ALERT_INFO, "Alert-Info: <http://a.example/r>%s,%s<http://b/>%s;x=1"),
        Arguments.of(EntryRule.ERROR_INFO, "Error-Info: <sip:not-in-service@example.com>%s"),
        Arguments.of(
            EntryRule.CALL_INFO, "Call-Info: <http://a/p.jpg>%s;purpose=icon%s,%s<http://b/>%s"),
        Arguments.of(EntryRule.REPLY_TO, "Reply-To:%s\"Bob\" <sip:bob@biloxi.com>"),
        Arguments.of(EntryRule.REPLY_TO, "Reply-To: <sip:bob@biloxi.com>%s;%sx=1"),
        Arguments.of(EntryRule.VIA, "Via:%sSIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds"),
        Arguments.of(EntryRule.VIA, "Via: SIP/2.0/UDP pc33.atlanta.com%s;%sbranch=z9hG4bK7"),
        Arguments.of(EntryRule.VIA, "Via: SIP/2.0/UDP a.example.com%s,%sSIP/2.0/UDP b.example.com"),
        Arguments.of(EntryRule.CALL_INFO, "Call-Info:%s<http://www.example.com/alice/photo.jpg>"),
        Arguments.of(EntryRule.WARNING, "Warning: 307 isi.edu%s\"Session parameter 'foo'\""),
        Arguments.of(
            EntryRule.SIP_MESSAGE,
            "INVITE sip:bob@biloxi.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r\n"
                + "Max-Forwards: 70\r\n"
                + "To:%sBob <sip:bob@biloxi.com>\r\n"
                + "From:%s\"Alice\" <sip:alice@atlanta.com>;tag=1928301774\r\n"
                + "Call-ID: a84b4c76e66710@pc33.atlanta.com\r\n"
                + "CSeq: 314159 INVITE\r\n"
                + "Contact:%s<sip:alice@pc33.atlanta.com>\r\n"
                + "Content-Length: 0\r\n\r\n"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("inputs")
  @DisplayName("twice the spaces cost at most 2.5 times the look-ahead")
  void lookAheadGrowsLinearly(EntryRule rule, String template) {
    Work single = work(rule, template.replace("%s", " ".repeat(N)));
    Work twice = work(rule, template.replace("%s", " ".repeat(2 * N)));

    assertThat(single.matched()).as("the input is %s", rule.abnfName()).isTrue();
    assertThat(twice.matched()).as("the input is %s", rule.abnfName()).isTrue();
    assertThat((double) twice.lookahead() / single.lookahead())
        .as("look-ahead tokens for %d and %d spaces (%d, %d; worst decision %s)",
            N, 2 * N, single.lookahead(), twice.lookahead(), twice.worst())
        .isLessThan(2.5);
  }

  /** What the SLL stage of {@code internal.Engine} does, with ANTLR's profiler on. */
  static Work work(EntryRule rule, String text) {
    byte[] input = text.getBytes(StandardCharsets.UTF_8);
    SipParser parser = new SipParser(new ByteTokenStream(input, 0, input.length));
    parser.removeErrorListeners();
    parser.setErrorHandler(new BailErrorStrategy());
    parser.setBuildParseTree(false);
    parser.setProfile(true);
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    String entry =
        RuleTable.get().byAbnfName(rule.abnfName()).orElseThrow().antlrName() + "Eof";
    boolean matched;
    try {
      SipParser.class.getMethod(entry).invoke(parser);
      matched = true;
    } catch (InvocationTargetException e) {
      matched = false;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    DecisionInfo[] decisions = parser.getParseInfo().getDecisionInfo();
    long total = Arrays.stream(decisions).mapToLong(d -> d.SLL_TotalLook + d.LL_TotalLook).sum();
    DecisionInfo worst =
        Arrays.stream(decisions)
            .max(Comparator.comparingLong(d -> d.SLL_TotalLook + d.LL_TotalLook))
            .orElseThrow();
    String where =
        "decision "
            + worst.decision
            + " in "
            + SipParser.ruleNames[parser.getATN().getDecisionState(worst.decision).ruleIndex]
            + " ("
            + (worst.SLL_TotalLook + worst.LL_TotalLook)
            + " tokens)";
    return new Work(matched, total, where);
  }

  record Work(boolean matched, long lookahead, String worst) {}
}
