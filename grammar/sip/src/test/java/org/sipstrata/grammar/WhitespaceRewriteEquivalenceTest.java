package org.sipstrata.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.sipstrata.abnf.AbnfReader;
import org.sipstrata.abnf.RuleSet;
import org.sipstrata.abnf.oracle.AbnfGenerator;
import org.sipstrata.abnf.oracle.AbnfMatcher;

/**
 * Overlay change 8 (white space that two rules could match) must not change the language: the
 * parser built with it is compared with the backtracking matcher on the grammar WITHOUT it (the
 * overlay cut before its section 8), on strings generated from both grammars, on their mutations
 * and on hand-written white-space cases. {@code -Dsip.equivalence.strings=N} enlarges the run.
 */
@DisplayName("the white-space rewrites of overlay change 8 keep the language")
class WhitespaceRewriteEquivalenceTest {

  private static final int STRINGS =
      Integer.getInteger("sip.equivalence.strings", 40);
  private static final int MUTATIONS_PER_STRING = 4;

  private static RuleSet before;
  private static RuleSet after;

  @BeforeAll
  static void readAbnf() throws IOException {
    Path dir = Path.of(System.getProperty("strata.root", "../.."), "grammar/sip/src/main/abnf");
    String overlay = Files.readString(dir.resolve("rfc3261-overlay.abnf"));
    int change8 = overlay.indexOf("; 8. White space");
    assertThat(change8).as("overlay section 8").isPositive();
    String withoutChange8 = overlay.substring(0, overlay.lastIndexOf("; ----", change8));
    List<org.sipstrata.abnf.AbnfDocument> bases =
        List.of(
            AbnfReader.read(dir.resolve("rfc5234-core.abnf")),
            AbnfReader.read(dir.resolve("rfc3261.abnf")));
    before =
        RuleSet.combine(bases, List.of(AbnfReader.read("overlay-before-8", withoutChange8)));
    after = RuleSet.combine(bases, List.of(AbnfReader.read(dir.resolve("rfc3261-overlay.abnf"))));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = EntryRule.class,
      names = {
        "FROM", "TO", "CONTACT", "ROUTE", "RECORD_ROUTE", "REPLY_TO", "ALERT_INFO", "CALL_INFO",
        "ERROR_INFO", "WARNING", "AUTHORIZATION", "PROXY_AUTHENTICATE", "AUTHENTICATION_INFO",
        "CONTENT_TYPE", "ACCEPT", "VIA", "CONTENT_DISPOSITION"
      })
  @DisplayName("strings of either grammar and their mutations: parser = matcher without change 8")
  void parserAgreesWithTheGrammarBeforeTheRewrite(EntryRule rule) {
    AbnfMatcher matcher = new AbnfMatcher(before);
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    for (RuleSet source : List.of(before, after)) {
      AbnfGenerator generator = new AbnfGenerator(source, rule.ordinal() * 104729L + 8);
      for (int i = 0; i < STRINGS; i++) {
        Optional<byte[]> generated = generator.generate(rule.abnfName());
        assertThat(generated).as("the generator can produce %s", rule.abnfName()).isPresent();
        List<byte[]> inputs = new ArrayList<>(List.of(generated.get()));
        for (int m = 0; m < MUTATIONS_PER_STRING; m++) {
          inputs.add(generator.mutate(generated.get()));
        }
        for (byte[] input : inputs) {
          AbnfMatcher.Result oracle = matcher.match(rule.abnfName(), input);
          if (oracle.outcome() == AbnfMatcher.Outcome.BUDGET_EXCEEDED) {
            continue;
          }
          compared++;
          boolean parsed = SipGrammar.lenient().parse(rule, input).isOk();
          if (parsed != oracle.matched()) {
            disagreements.add("parser " + parsed + ", matcher " + oracle.matched() + ": "
                + show(input));
          }
        }
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(compared).isGreaterThan(STRINGS);
  }

  /** {@code \r\n} and {@code \t} are written as escapes; every case is a whole header field. */
  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          From: <sip:a@b>                                      | true
          From:<sip:a@b>                                       | true
          From:   \\t  <sip:a@b>;tag=1                         | true
          From: \\r\\n <sip:a@b>                               | true
          From:\\r\\n\\t<sip:a@b>                              | true
          From: \\r\\n \\r\\n <sip:a@b>                        | true
          From: \\r\\n \\r\\n \\r\\n <sip:a@b>                 | false
          From: \\r\\n\\r\\n <sip:a@b>                         | false
          From: \\r\\n<sip:a@b>                                | false
          From: Alice <sip:a@b>                                | true
          From: Alice<sip:a@b>                                 | true
          From: Alice \\r\\n <sip:a@b>                         | true
          From: Alice \\r\\n \\r\\n <sip:a@b>                  | false
          From: Alice  Liddell \\t <sip:a@b>                   | true
          From: "Alice" <sip:a@b>                              | true
          From: "Alice"<sip:a@b>                               | true
          From:\\r\\n "Alice" \\r\\n <sip:a@b>                 | true
          From: \\r\\n \\r\\n "Alice" <sip:a@b>                | true
          From: \\r\\n \\r\\n \\r\\n "Alice" <sip:a@b>         | false
          From: "Al \\r\\n ice" <sip:a@b>                      | true
          From: sip:a@b                                        | true
          From:  sip:a@b ; tag = 1                             | true
          From: sip:a@b;tag=1 ;x = \\r\\n "q"                  | true
          From: sip:a@b;x=\\r\\n \\r\\n "q"                    | true
          From: sip:a@b;x= \\r\\n \\r\\n \\r\\n "q"            | false
          To: \\r\\n \\t <sip:b@c> ; tag=2                     | true
          From: <sip:a@b> \\r\\n \\r\\n ;tag=1               | true
          From: <sip:a@b> \\r\\n \\r\\n \\r\\n ;tag=1        | false
          From: <sip:a@b>\\r\\n\\t;\\r\\n tag=1 ;x=2           | true
          From: <sip:a@b>;tag=1 \\r\\n ;x=2                  | true
          From: <sip:a@b>;tag=1 \\r\\n \\r\\n ;x=2           | false
          From: <sip:a@b> \\r\\n\\t                        | true
          From: <sip:a@b> \\r\\n \\r\\n\\t                 | false
          From: <sip:a@b>;tag=1\\t                         | false
          To: Bob <sip:b@c>  ;  tag=2  ;x                    | true
          Reply-To: <sip:b@c> \\r\\n \\r\\n ; x              | true
          Contact: *                                           | true
          Contact:\\r\\n *                                     | true
          Contact: \\r\\n \\r\\n * \\r\\n\\t                  | true
          Contact: \\r\\n \\r\\n \\r\\n *                      | false
          Contact: <sip:a@b> , \\r\\n \\r\\n <sip:c@d>         | true
          Contact: <sip:a@b>,"C" <sip:c@d>;q=0.5 , sip:e@f     | true
          Contact: sip:a@b \\r\\n , \\r\\n "C"<sip:c@d>        | true
          Route: <sip:p1.example.com;lr>,  <sip:p2;lr>         | true
          Contact: <sip:a@b> \\r\\n \\r\\n ,<sip:c@d>          | true
          Contact: <sip:a@b> \\r\\n \\r\\n \\r\\n ,<sip:c@d>   | false
          Contact: <sip:a@b>;q=1 \\r\\n \\r\\n ,<sip:c@d>     | false
          Contact: <sip:a@b>;q=1 \\r\\n ,<sip:c@d> \\r\\n\\t    | true
          Contact: <sip:a@b>;q=1 ,<sip:c@d>;q=0\\t             | false
          Contact: sip:a@b \\r\\n \\r\\n ,<sip:c@d>           | false
          Route: <sip:a;lr> , <sip:b;lr> \\r\\n \\r\\n ;x , <sip:c> | true
          Route: <sip:a;lr>\\t                                | true
          Record-Route: <sip:a;lr>;x\\t                       | false
          Error-Info: <sip:a@b>\\r\\n , \\r\\n <sip:c@d>\\r\\n\\t  | true
          Alert-Info: <http://a.example/r>\\t;x=1\\t,\\t<http://b/>\\t | true
          Call-Info: <http://a/> \\r\\n \\r\\n ;purpose=icon     | true
          Call-Info: <http://a/> \\r\\n \\r\\n \\r\\n ;purpose=icon | false
          Reply-To:   "Bob" \\t <sip:bob@biloxi.com>           | true
          Call-Info: \\r\\n <http://x.example/a> ;purpose=info  | true
          Warning: 307 isi.edu "Session parameter 'foo'"       | true
          Warning: 307 isi.edu   "x"                           | true
          Warning: 307 isi.edu \\r\\n "x"                      | true
          Warning: 307 isi.edu \\r\\n \\r\\n "x"               | false
          Warning: 307 isi.edu"x"                              | false
          """)
  @DisplayName("white-space cases: the parser's verdict is the expected one and the matcher's")
  void whiteSpaceCases(String written, boolean valid) {
    byte[] input =
        written.strip().replace("\\r\\n", "\r\n").replace("\\t", "\t")
            .getBytes(StandardCharsets.UTF_8);
    EntryRule rule = ruleOf(input);
    AbnfMatcher.Result oracle = new AbnfMatcher(before).match(rule.abnfName(), input);
    assertThat(oracle.outcome()).isNotEqualTo(AbnfMatcher.Outcome.BUDGET_EXCEEDED);
    assertThat(oracle.matched()).as("matcher, grammar without change 8").isEqualTo(valid);
    assertThat(new AbnfMatcher(after).match(rule.abnfName(), input).matched())
        .as("matcher, grammar with change 8")
        .isEqualTo(valid);
    assertThat(SipGrammar.lenient().parse(rule, input).isOk()).as("parser").isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Contact: <sip:a@b> , "C" <sip:c@d>;q=1, sip:e@f   | contact-param | 3
          Route: <sip:a;lr>,<sip:b;lr>;x                     | route-param   | 2
          Record-Route: <sip:a;lr>;x , <sip:b;lr>            | rec-route     | 2
          Call-Info: <http://a/>;purpose=icon, <http://b/>   | info          | 2
          Alert-Info: <http://a/> , <http://b/>              | alert-param   | 2
          Error-Info: <sip:a@b>                              | error-uri     | 1
          """)
  @DisplayName("list items split by their ending still appear in the tree as the RFC's rule")
  void listItemsKeepTheirRuleName(String field, String item, int count) {
    byte[] input = field.getBytes(StandardCharsets.US_ASCII);
    ParseResult result = SipGrammar.strict().parse(ruleOf(input), input);
    assertThat(result).isInstanceOf(ParseResult.Ok.class);
    ParseTree tree = ((ParseResult.Ok) result).tree();
    assertThat(tree.root().children())
        .filteredOn(n -> !n.rule().isEmpty())
        .extracting(ParseTree.Node::rule)
        .containsOnly(item)
        .hasSize(count);
    assertThat(tree.findAll(item + "-SWS")).isEmpty();
  }

  private static EntryRule ruleOf(byte[] input) {
    String name = new String(input, StandardCharsets.US_ASCII).split(":", 2)[0];
    for (EntryRule rule : EntryRule.values()) {
      if (rule.abnfName().equalsIgnoreCase(name)) {
        return rule;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static String show(byte[] input) {
    String text = new String(input, StandardCharsets.ISO_8859_1);
    StringBuilder sb = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("%%x%02X", (int) c));
    }
    return sb.append('"').toString();
  }
}
