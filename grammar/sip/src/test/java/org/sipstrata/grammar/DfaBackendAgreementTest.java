package org.sipstrata.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sipstrata.abnf.RuleSet;
import org.sipstrata.abnf.oracle.AbnfGenerator;
import org.sipstrata.grammar.ParseTree.Node;
import org.sipstrata.grammar.internal.AtnDfa;
import org.sipstrata.grammar.internal.Engine;

/**
 * The two backends of the grammar against each other: the DFA built from the generated ATN
 * ({@link AtnDfa}) must accept exactly what the ANTLR parser ({@link Engine}) accepts and, where
 * both accept, build the same tree (same rules, same offsets, same children). Inputs: strings
 * generated from every entry rule and small mutations of them, and every message of the RFC 4475
 * and RFC 5118 corpora, whole and field by field.
 */
@DisplayName("grammar backends: the DFA and the ANTLR parser agree on verdicts and trees")
class DfaBackendAgreementTest {

  private static final int STRINGS_PER_RULE = Integer.getInteger("sip.agreement.strings", 60);
  private static final int MUTATIONS_PER_STRING = 4;

  private static RuleSet rules;

  /** Nodes with and without children, leaves and inner nodes, dissolved in {@link #compare}. */
  private static final Set<String> DISSOLVED = Set.of("hostname", "domainlabel", "toplabel",
      "token", "via-parm", "SIP-URI", "quoted-string", "m-type", "Method");

  @BeforeAll
  static void readAbnf() {
    rules = CommittedAbnf.rules();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(EntryRule.class)
  @DisplayName("generated and mutated strings: same verdict, same tree")
  void generatedStrings(EntryRule rule) {
    AbnfGenerator generator = new AbnfGenerator(rules, rule.ordinal() * 104729L + 4475);
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    for (int i = 0; i < STRINGS_PER_RULE; i++) {
      Optional<byte[]> generated = generator.generate(rule.abnfName());
      assertThat(generated).isPresent();
      byte[] input = generated.get();
      compared += compare(rule, input, disagreements);
      for (int m = 0; m < MUTATIONS_PER_STRING; m++) {
        compared += compare(rule, generator.mutate(input), disagreements);
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(compared).as("inputs the DFA decided itself").isPositive();
  }

  @Test
  @DisplayName("RFC 4475 and RFC 5118 messages: whole, and each start line and header field alone")
  void corpora() {
    List<String> disagreements = new ArrayList<>();
    List<Corpus.Message> messages = Stream.concat(
        Corpus.index("rfc4475", ".dat").stream(),
        Corpus.index("rfc5118-ersip-crlf", "").stream()).toList();
    int compared = 0;
    for (Corpus.Message m : messages) {
      compared += compare(EntryRule.SIP_MESSAGE, m.octets(), disagreements);
      for (byte[] field : fields(m.octets())) {
        String name = new String(field, StandardCharsets.ISO_8859_1).split("[ \t:]", 2)[0];
        EntryRule rule = EntryRule.forHeaderName(name).orElse(EntryRule.EXTENSION_HEADER);
        compared += compare(rule, field, disagreements);
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(compared).isGreaterThan(messages.size());
  }

  @Test
  @DisplayName("a comment nested deeper than the DFA expands falls back, and the verdict stands")
  void deepCommentFallsBack() {
    String deep = "Server: a " + "(".repeat(20) + "x" + ")".repeat(20);
    byte[] input = deep.getBytes(StandardCharsets.US_ASCII);
    assertThat(AtnDfa.of(EntryRule.SERVER).run(input, 0, input.length, true).kind())
        .isEqualTo(AtnDfa.Result.Kind.UNSUPPORTED);
    assertThat(SipGrammar.strict().parse(EntryRule.SERVER, input).isOk()).isTrue();
    String shallow = "Server: a (b (c) d)";
    byte[] in2 = shallow.getBytes(StandardCharsets.US_ASCII);
    List<String> disagreements = new ArrayList<>();
    assertThat(compare(EntryRule.SERVER, in2, disagreements)).isEqualTo(1);
    assertThat(disagreements).isEmpty();
  }

  @Test
  @DisplayName("firstText and matches give what the tree of parse gives, for every header field of"
      + " the corpora")
  void firstTextAgreesWithTheTree() {
    List<String> disagreements = new ArrayList<>();
    String[][] paths = {
      {"via-parm", "via-branch", "token"}, {"tag-param", "token"}, {"Method"}, {"host"},
      {"via-parm", "via-branch"}, {"tag-param"}, {"via-branch"}, {"uri-parameter"},
      {"name-addr", "display-name"}, {"userinfo", "user"}, {"via-parm", "sent-by", "port"}
    };
    int checked = 0;
    for (Corpus.Message m : Corpus.index("rfc4475", ".dat")) {
      for (byte[] field : fields(m.octets())) {
        String name = new String(field, StandardCharsets.ISO_8859_1).split("[ \t:]", 2)[0];
        EntryRule rule = EntryRule.forHeaderName(name).orElse(EntryRule.EXTENSION_HEADER);
        for (SipGrammar grammar : List.of(SipGrammar.strict(), SipGrammar.lenient())) {
          ParseResult parsed = grammar.parse(rule, field);
          if (grammar.matches(rule, field, 0, field.length) != parsed.isOk()) {
            disagreements.add("matches " + rule + ": " + show(field));
          }
          for (String[] path : paths) {
            Optional<String> expected = parsed instanceof ParseResult.Ok ok
                ? walk(ok.tree(), path) : Optional.empty();
            Optional<String> got = grammar.firstText(rule, field, 0, field.length, path);
            if (!got.equals(expected)) {
              disagreements.add(String.join("/", path) + " in " + show(field) + ": " + got
                  + " instead of " + expected);
            }
            checked++;
          }
        }
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(checked).isGreaterThan(1000);
  }

  private static Optional<String> walk(ParseTree tree, String[] path) {
    Optional<Node> node = Optional.of(tree.root());
    for (String rule : path) {
      node = node.flatMap(n -> ParseTree.first(n, rule));
    }
    return node.map(tree::text);
  }

  @Test
  @DisplayName("four threads building one DFA at the same time get the trees one thread gets")
  void concurrentConstruction() throws Exception {
    List<byte[]> inputs = new ArrayList<>();
    for (Corpus.Message m : Corpus.index("rfc4475", ".dat")) {
      inputs.add(m.octets());
    }
    List<Node> expected = new ArrayList<>();
    for (byte[] input : inputs) {
      Engine.Outcome outcome = Engine.run(EntryRule.SIP_MESSAGE, input, 0, input.length, true);
      expected.add(outcome instanceof Engine.Outcome.Matched m ? m.root() : null);
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 3; round++) {
        AtnDfa fresh = AtnDfa.uncached(EntryRule.SIP_MESSAGE, 100_000);
        List<java.util.concurrent.Future<List<String>>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int offset = t;
          workers.add(pool.submit(() -> {
            List<String> wrong = new ArrayList<>();
            for (int k = 0; k < inputs.size(); k++) {
              int i = (k + offset * 7) % inputs.size();
              byte[] input = inputs.get(i);
              AtnDfa.Result r = fresh.run(input, 0, input.length, true);
              Node want = expected.get(i);
              boolean same = r.kind() == AtnDfa.Result.Kind.UNSUPPORTED
                  || (want == null
                      ? r.kind() == AtnDfa.Result.Kind.NO_MATCH
                      : want.equals(r.root()));
              if (!same) {
                wrong.add("message " + i + ": " + r.kind());
              }
            }
            return wrong;
          }));
        }
        for (java.util.concurrent.Future<List<String>> w : workers) {
          assertThat(w.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("a DFA that reached its bound on states answers 'ask ANTLR' for new inputs, never a"
      + " wrong verdict")
  void boundOnStates() {
    AtnDfa small = AtnDfa.uncached(EntryRule.SIP_MESSAGE, 200);
    int unsupported = 0;
    for (Corpus.Message m : Corpus.index("rfc4475", ".dat")) {
      byte[] input = m.octets();
      AtnDfa.Result r = small.run(input, 0, input.length, true);
      Engine.Outcome slow = Engine.run(EntryRule.SIP_MESSAGE, input, 0, input.length, true);
      switch (r.kind()) {
        case UNSUPPORTED -> unsupported++;
        case MATCHED -> assertThat(r.root())
            .isEqualTo(((Engine.Outcome.Matched) slow).root());
        case NO_MATCH -> assertThat(slow).isInstanceOf(Engine.Outcome.Mismatch.class);
      }
    }
    assertThat(unsupported).as("messages past the bound of 200 states").isPositive();
  }

  /** 1 if the DFA decided the input (and the disagreement, if any, is recorded), else 0. */
  private static int compare(EntryRule rule, byte[] input, List<String> disagreements) {
    AtnDfa.Result fast = AtnDfa.of(rule).run(input, 0, input.length, true);
    if (fast.kind() == AtnDfa.Result.Kind.UNSUPPORTED) {
      return 0;
    }
    Engine.Outcome slow = Engine.run(rule, input, 0, input.length, true);
    boolean fastOk = fast.kind() == AtnDfa.Result.Kind.MATCHED;
    boolean slowOk = slow instanceof Engine.Outcome.Matched;
    if (fastOk != slowOk) {
      disagreements.add(rule + ": dfa " + fastOk + ", antlr " + slowOk + ": " + show(input));
    } else if (fastOk) {
      Node antlr = ((Engine.Outcome.Matched) slow).root();
      if (!fast.root().equals(antlr)) {
        ParseTree a = new ParseTree(input, antlr);
        ParseTree d = new ParseTree(input, fast.root());
        disagreements.add(rule + ": trees differ for " + show(input) + "\nANTLR:\n" + a.format()
            + "DFA:\n" + d.format());
      }
    }
    if (fastOk) {
      // Dissolving nodes in the DFA's replay gives what dissolving them in the whole tree gives.
      Node antlr = ((Engine.Outcome.Matched) slow).root();
      Node dissolvedByDfa = AtnDfa.of(rule).run(input, 0, input.length, true,
          AtnDfa.Watch.NOTHING, new AtnDfa.Watch(DISSOLVED)).root();
      ParseTree expected = new ParseTree(input, antlr).dissolving(DISSOLVED);
      ParseTree actual = new ParseTree(input, dissolvedByDfa).dissolving(Set.of());
      if (!actual.root().equals(expected.root())) {
        disagreements.add(rule + ": dissolved trees differ for " + show(input) + "\nexpected:\n"
            + expected.format() + "DFA:\n" + actual.format());
      }
    }
    if (fastOk) {
      // The forward pass alone knows what the tree's replay finds: whether a prose-rule node is in.
      boolean proseInTree = AtnDfa.of(rule).run(input, 0, input.length, true,
          AtnDfa.PROSE_RULE_NODES).watched();
      long verdict = AtnDfa.of(rule).locate(input, 0, input.length, new String[0],
          AtnDfa.PROSE_RULE_NODES);
      if ((verdict == AtnDfa.WATCHED) != proseInTree) {
        disagreements.add(rule + ": forward pass says prose node " + (verdict == AtnDfa.WATCHED)
            + ", the tree " + proseInTree + ": " + show(input));
      }
    }
    boolean treeless = AtnDfa.of(rule).run(input, 0, input.length, false).kind()
        == AtnDfa.Result.Kind.MATCHED;
    if (treeless != fastOk) {
      disagreements.add(rule + ": with and without a tree differ: " + show(input));
    }
    return 1;
  }

  /** The start line and header fields of a message, each without its CRLF. */
  private static List<byte[]> fields(byte[] in) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i + 1 < in.length; i++) {
      if (in[i] == '\r' && in[i + 1] == '\n') {
        boolean folded = i + 2 < in.length && (in[i + 2] == ' ' || in[i + 2] == '\t');
        if (!folded) {
          if (i == start) {
            break;
          }
          if (start > 0) {
            out.add(java.util.Arrays.copyOfRange(in, start, i));
          }
          start = i + 2;
        }
      }
    }
    return out;
  }

  private static String show(byte[] input) {
    return CommittedAbnf.show(input);
  }
}
