package org.sipstrata.tutorials.ch01;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sipstrata.abnf.AbnfDocument;
import org.sipstrata.abnf.AbnfReader;
import org.sipstrata.abnf.Diagnostic;
import org.sipstrata.abnf.RuleSet;
import org.sipstrata.abnf.oracle.AbnfMatcher;
import org.sipstrata.grammar.EntryRule;
import org.sipstrata.grammar.SipGrammar;

/**
 * Grades the exercises of chapter 1: an answer is ABNF applied as one more overlay over the ABNF
 * the SIP parser is built from (the RFC's rules and the project's overlay), and it must accept
 * exactly the examples it should. The matcher decides what the answer
 * accepts; what it should accept comes from the generated SIP parser (exercise 1) or from RFC 3261
 * §7.1 (exercise 2).
 */
final class Chapter1Grader {

  private Chapter1Grader() {}

  /** An input and whether the rule should accept it. */
  record Example(String input, boolean accept) {}

  // tag::exercise1-examples[]
  /** Exercise 1: inputs for Max-Forwards; the generated parser says which are right. */
  static final List<String> MAX_FORWARDS_INPUTS =
      List.of(
          "Max-Forwards: 70",
          "max-forwards: 0",
          "Max-Forwards :  6",
          "Max-Forwards:\r\n 70",
          "Max-Forwards: 00255",
          "Max-Forwards: seventy",
          "Max-Forwards: ",
          "Max-Forwards: -1",
          "Max-Forwards: 7 0",
          "Max-Forwards 70",
          "MaxForwards: 70");
  // end::exercise1-examples[]

  // tag::exercise2-examples[]
  /** Exercise 2: Request-Line and Status-Line inputs, and what a 2.0-only SIP-Version accepts. */
  static final List<Example> SIP_VERSION_EXAMPLES =
      List.of(
          new Example("INVITE sip:bob@biloxi.com SIP/2.0\r\n", true),
          new Example("INVITE sip:bob@biloxi.com sip/2.0\r\n", true),
          new Example("INVITE sip:bob@biloxi.com Sip/2.0\r\n", true),
          new Example("INVITE sip:bob@biloxi.com SIP/7.0\r\n", false),
          new Example("INVITE sip:bob@biloxi.com SIP/2.00\r\n", false),
          new Example("INVITE sip:bob@biloxi.com SIP/02.0\r\n", false),
          new Example("SIP/2.0 200 OK\r\n", true),
          new Example("SIP/3.0 200 OK\r\n", false));
  // end::exercise2-examples[]

  /** Whether the answer defines the rule (an exercise without an answer is not graded). */
  static boolean answers(String answer, String rule) {
    return AbnfReader.read("answers.abnf", answer).definitions().stream()
        .anyMatch(d -> d.rule().name().equalsIgnoreCase(rule));
  }

  /** Exercise 1: every input on which the answer's Max-Forwards and the SIP parser disagree. */
  static List<String> gradeMaxForwards(String answer) {
    List<Example> examples = new ArrayList<>();
    for (String input : MAX_FORWARDS_INPUTS) {
      boolean parserAccepts = SipGrammar.lenient().parse(EntryRule.MAX_FORWARDS, input).isOk();
      examples.add(new Example(input, parserAccepts));
    }
    return disagreements(answer, examples, input -> "Max-Forwards");
  }

  /** Exercise 2: every example on which the answer's Request-Line or Status-Line is wrong. */
  static List<String> gradeSipVersion(String answer) {
    return disagreements(answer, SIP_VERSION_EXAMPLES,
        input -> input.startsWith("SIP/") ? "Status-Line" : "Request-Line");
  }

  private static List<String> disagreements(String answer, List<Example> examples,
      java.util.function.Function<String, String> ruleFor) {
    AbnfDocument overlay = AbnfReader.read("answers.abnf", answer);
    RuleSet rules =
        RuleSet.combine(
            List.of(AbnfReader.read(Chapter1Files.abnf("rfc5234-core.abnf")),
                AbnfReader.read(Chapter1Files.abnf("rfc3261.abnf"))),
            List.of(AbnfReader.read(Chapter1Files.abnf("rfc3261-overlay.abnf")), overlay));
    List<String> problems = new ArrayList<>();
    for (Diagnostic d : overlay.diagnostics()) {
      problems.add(d.toString());
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    AbnfMatcher matcher = new AbnfMatcher(rules);
    for (Example e : examples) {
      String rule = ruleFor.apply(e.input());
      AbnfMatcher.Result result = matcher.match(rule, e.input().getBytes(StandardCharsets.UTF_8));
      if (result.outcome() == AbnfMatcher.Outcome.BUDGET_EXCEEDED) {
        problems.add(rule + " could not be decided on " + show(e.input()) + ": " + result.detail());
      } else if (result.matched() != e.accept()) {
        problems.add(rule + " should " + (e.accept() ? "accept " : "reject ") + show(e.input())
            + " but your answer " + (result.matched() ? "accepts" : "rejects") + " it");
      }
    }
    return problems;
  }

  private static String show(String input) {
    return '"' + input.replace("\r", "\\r").replace("\n", "\\n") + '"';
  }
}
