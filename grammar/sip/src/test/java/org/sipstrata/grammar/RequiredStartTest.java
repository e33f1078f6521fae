package org.sipstrata.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.grammar.internal.AtnDfa;
import org.sipstrata.grammar.internal.antlr.SipParser;

/**
 * A node whose rule begins with a literal cannot be in the tree of an input that lacks the
 * literal, so locating it there needs no backward pass. The literals are read from the ATN.
 */
class RequiredStartTest {

  private static String describe(String antlrRule) {
    int index = Arrays.asList(SipParser.ruleNames).indexOf(antlrRule);
    assertThat(index).as(antlrRule).isNotNegative();
    StringBuilder out = new StringBuilder();
    for (long[] set : AtnDfa.requiredStart(index)) {
      out.append('[');
      for (int b = 0; b < 256; b++) {
        if ((set[b >>> 6] & (1L << b)) != 0) {
          out.append((char) b);
        }
      }
      out.append(']');
    }
    return out.toString();
  }

  @Test
  @DisplayName("tag-param begins with \"tag\" in any case; via-branch with \"branch\"")
  void literals() {
    String tag = describe(antlrName("tag-param"));
    assertThat(tag).startsWith("[Tt][Aa][Gg]");
    assertThat(describe(antlrName("via-branch"))).startsWith("[Bb][Rr][Aa][Nn][Cc][Hh]");
  }

  @Test
  @DisplayName("a rule that begins with a choice of ways requires nothing; a token one octet")
  void choices() {
    assertThat(describe(antlrName("Method"))).isEmpty();
    // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" )
    assertThat(describe(antlrName("token")))
        .isEqualTo("[!%'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_`abcdefghijklmnopqrstuvwxyz~]");
  }

  @Test
  @DisplayName("the tag of From and To, with the literal \"tag\" nowhere, once or many times,"
      + " is the tree's")
  void absentWithoutTheLiteral() {
    for (String row : new String[] {"To: Bob <sip:bob@biloxi.example.com>",
        "To: <sip:tagless@example.com>;x=tagX", "From: sip:a@b;TAG=7", "To: \"tag\" <sip:t@g>",
        "To: <sip:b@c>;tag = 9", "From: sip:a@b;TaG=x;tag=y", "From: <sip:a@b>;tag=1;tagx=2",
        "To: <sip:a@b>;tagx=2;tag=1", "To: tag <sip:a@b>;tag=tag", "From: sip:tag@tag;tag=tag",
        "To: <sip:b@c>;tag=9;x=\"tag\"", "From: <sip:a@b;tag=u>;tag=h", "To: <sip:b@c>;x=tagged",
        "To: <tel:+1-201-555-0123>;tag=tag1", "From: <http://tag.example>;tag=t2"}) {
      byte[] in = row.getBytes(StandardCharsets.US_ASCII);
      EntryRule rule = row.startsWith("To") ? EntryRule.TO : EntryRule.FROM;
      ParseResult parsed = SipGrammar.strict().parse(rule, in);
      assertThat(parsed.isOk()).as(row).isTrue();
      String fromTree = ((ParseResult.Ok) parsed).tree().find("tag-param")
          .flatMap(n -> ParseTree.first(n, "token")).map(n -> ((ParseResult.Ok) parsed).tree()
              .text(n)).orElse(null);
      assertThat(SipGrammar.strict().firstText(rule, in, 0, in.length, "tag-param", "token")
          .orElse(null)).as(row).isEqualTo(fromTree);
    }
  }

  private static String antlrName(String abnf) {
    return org.sipstrata.grammar.internal.RuleTable.get().byAbnfName(abnf).orElseThrow()
        .antlrName();
  }
}
