package org.sipstrata.grammar.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATNConfig;
import org.antlr.v4.runtime.atn.NotSetTransition;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ParseTree;
import org.sipstrata.grammar.EntryRule;
import org.sipstrata.grammar.GrammarError;
import org.sipstrata.grammar.ParseTree.Node;
import org.sipstrata.grammar.internal.antlr.SipParser;

/**
 * Runs the generated parser on a range of octets.
 *
 * <p>Two stages, as the ANTLR authors recommend for speed: SLL prediction with a bail-out first
 * (fast, and right for every input it accepts), then full LL only when SLL failed, to tell a real
 * syntax error from an SLL weakness and to locate the error (LL was ~60× slower on the prototype).
 */
public final class Engine {

  /** What one run produced: a tree (offsets absolute in the input) or an error. */
  public sealed interface Outcome {
    /** The rule matched; {@code root} is null when no tree was asked for. */
    record Matched(Node root) implements Outcome {}

    /** The rule did not match. */
    record Mismatch(GrammarError error) implements Outcome {}
  }

  private static final Map<EntryRule, MethodHandle> ENTRY = entryPoints();

  private Engine() {}

  /** Parses {@code input[from, to)} as {@code rule} followed by the end of the range. */
  public static Outcome run(EntryRule rule, byte[] input, int from, int to, boolean tree) {
    Attempt sll = attempt(rule, input, from, to, tree, PredictionMode.SLL);
    if (sll.error == null && !sll.overflow) {
      return new Outcome.Matched(tree ? convert(sll.tree, from) : null);
    }
    Attempt ll = sll.overflow ? sll : attempt(rule, input, from, to, tree, PredictionMode.LL);
    if (ll.error == null && !ll.overflow) {
      return new Outcome.Matched(tree ? convert(ll.tree, from) : null);
    }
    if (ll.overflow) {
      return new Outcome.Mismatch(overflowError(rule, input, from + ll.overflowOffset));
    }
    return new Outcome.Mismatch(translate(rule, ll.error, input, from, to));
  }

  private static final class Attempt {
    ParserRuleContext tree;
    RecognitionException error;
    boolean overflow;
    int overflowOffset;
  }

  private static Attempt attempt(
      EntryRule rule, byte[] input, int from, int to, boolean tree, PredictionMode mode) {
    ByteTokenStream tokens = new ByteTokenStream(input, from, to);
    SipParser parser = new SipParser(tokens);
    parser.removeErrorListeners();
    parser.setErrorHandler(new BailErrorStrategy());
    parser.getInterpreter().setPredictionMode(mode);
    parser.setBuildParseTree(tree);
    Attempt attempt = new Attempt();
    try {
      attempt.tree = (ParserRuleContext) ENTRY.get(rule).invokeExact(parser);
    } catch (ParseCancellationException e) {
      attempt.error = (RecognitionException) e.getCause();
    } catch (StackOverflowError e) {
      attempt.overflow = true;
      attempt.overflowOffset = tokens.index();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("generated parser failed", e);
    }
    return attempt;
  }

  /**
   * The innermost rule, what it expected and what was there. When the failure is at the very first
   * octet of a rule, the rule as a whole was expected by its caller ("expected SIP-Version in
   * Request-Line"); otherwise the rule expected particular characters.
   */
  private static GrammarError translate(
      EntryRule entry, RecognitionException e, byte[] input, int from, int to) {
    Token offending = e.getOffendingToken();
    int relative = offending == null ? 0 : offending.getTokenIndex();
    int offset = from + relative;
    ParserRuleContext ctx = (ParserRuleContext) e.getCtx();
    RuleTable.AbnfRule inner = abnfRuleOf(ctx);
    RuleTable.AbnfRule outer = inner;
    String expected = describe(expectedAt(e));
    ParserRuleContext named = namedContext(ctx);
    if (named != null && named.getStart() != null && named.getStart().getTokenIndex() == relative) {
      ParserRuleContext parent = namedContext(named.getParent() instanceof ParserRuleContext p ? p : null);
      if (parent != null) {
        expected = inner.abnfName();
        outer = abnfRuleOf(parent);
      }
    }
    if (outer == null) {
      outer = RuleTable.get().byAbnfName(entry.abnfName())
          .orElse(new RuleTable.AbnfRule("", entry.abnfName(), "RFC 3261 §25.1"));
    }
    return Positions.error(input, offset, to, outer.abnfName(), outer.section(), expected);
  }

  /**
   * The token types that could have been matched where the parse failed. For a failed prediction
   * ANTLR's {@code getExpectedTokens()} is the set at the decision, which may lie before the
   * offending token: in {@code "CSeq: many"} the decision of SWS (in HCOLON) looks past the space
   * and fails at "m", yet its own set is only the white space that can start SWS, without the
   * DIGIT that may follow it. The configurations still alive just before the offending token
   * (the exception's dead-end configurations, each an ATN state after closure) say what could
   * come next at that token; their matching transitions are the expected set.
   */
  private static IntervalSet expectedAt(RecognitionException e) {
    if (!(e instanceof NoViableAltException noViable) || noViable.getDeadEndConfigs() == null) {
      return e.getExpectedTokens();
    }
    IntervalSet expected = new IntervalSet();
    int maxTokenType = SipParser._ATN.maxTokenType;
    for (ATNConfig config : noViable.getDeadEndConfigs()) {
      for (Transition transition : config.state.getTransitions()) {
        if (transition.isEpsilon()) {
          continue;
        }
        IntervalSet label = transition.label();
        if (label != null && !(transition instanceof NotSetTransition)) {
          expected.addAll(label);
          continue;
        }
        for (int type = Token.MIN_USER_TOKEN_TYPE; type <= maxTokenType; type++) {
          if (transition.matches(type, Token.MIN_USER_TOKEN_TYPE, maxTokenType)) {
            expected.add(type);
          }
        }
      }
    }
    return expected.isNil() ? e.getExpectedTokens() : expected;
  }

  private static GrammarError overflowError(EntryRule rule, byte[] input, int offset) {
    return Positions.error(
        input,
        offset,
        input.length,
        rule.abnfName(),
        RuleTable.get().byAbnfName(rule.abnfName()).map(RuleTable.AbnfRule::section).orElse(""),
        "nesting the parser's stack can hold (a limit of this implementation, not of RFC 3261)");
  }

  private static ParserRuleContext namedContext(ParserRuleContext ctx) {
    ParserRuleContext c = ctx;
    while (c != null && abnfRuleOfThis(c) == null) {
      c = c.getParent();
    }
    return c;
  }

  private static RuleTable.AbnfRule abnfRuleOf(ParserRuleContext ctx) {
    ParserRuleContext c = namedContext(ctx);
    return c == null ? null : abnfRuleOfThis(c);
  }

  private static RuleTable.AbnfRule abnfRuleOfThis(ParserRuleContext ctx) {
    int index = ctx.getRuleIndex();
    if (index < 0 || index >= SipParser.ruleNames.length) {
      return null;
    }
    return RuleTable.get().byAntlrName(SipParser.ruleNames[index]).orElse(null);
  }

  /** Expected token types as ABNF: named core sets where they fit, else quoted chars and ranges. */
  static String describe(IntervalSet tokenTypes) {
    if (tokenTypes == null || tokenTypes.isNil()) {
      return "nothing more";
    }
    boolean eof = tokenTypes.contains(Token.EOF);
    boolean[] octets = new boolean[256];
    for (int b = 0; b < 256; b++) {
      octets[b] = tokenTypes.contains(ByteTokenStream.tokenType(b));
    }
    String chars = OctetSets.describe(octets);
    if (eof) {
      return chars.isEmpty() ? "end of input" : chars + " or end of input";
    }
    return chars;
  }

  /** The ANTLR tree as ABNF-named nodes with absolute offsets; helper rules are dissolved. */
  private static Node convert(ParserRuleContext ctx, int base) {
    List<Node> roots = new ArrayList<>();
    collect(ctx, base, roots);
    if (roots.size() == 1) {
      return roots.get(0);
    }
    int start = base + startOf(ctx);
    return new Node("", start, base + endOf(ctx), roots);
  }

  private static void collect(ParseTree tree, int base, List<Node> out) {
    if (!(tree instanceof ParserRuleContext ctx)) {
      return;
    }
    List<Node> children = new ArrayList<>();
    for (int i = 0; i < ctx.getChildCount(); i++) {
      collect(ctx.getChild(i), base, children);
    }
    RuleTable.AbnfRule rule = abnfRuleOfThis(ctx);
    if (rule == null) {
      out.addAll(children);
    } else {
      out.add(new Node(rule.abnfName(), base + startOf(ctx), base + endOf(ctx), children));
    }
  }

  private static int startOf(ParserRuleContext ctx) {
    return ctx.getStart() == null ? 0 : ctx.getStart().getTokenIndex();
  }

  private static int endOf(ParserRuleContext ctx) {
    Token stop = ctx.getStop();
    int start = startOf(ctx);
    if (stop == null || stop.getTokenIndex() < start) {
      return start;
    }
    return stop.getType() == Token.EOF ? stop.getTokenIndex() : stop.getTokenIndex() + 1;
  }

  private static Map<EntryRule, MethodHandle> entryPoints() {
    Map<EntryRule, MethodHandle> handles = new EnumMap<>(EntryRule.class);
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    MethodType type = MethodType.methodType(ParserRuleContext.class, SipParser.class);
    for (EntryRule rule : EntryRule.values()) {
      String antlr =
          RuleTable.get()
              .byAbnfName(rule.abnfName())
              .map(RuleTable.AbnfRule::antlrName)
              .orElseThrow(() -> new IllegalStateException("no generated rule for " + rule));
      try {
        handles.put(
            rule, lookup.unreflect(SipParser.class.getMethod(antlr + "Eof")).asType(type));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("no entry rule " + antlr + "Eof in the generated parser", e);
      }
    }
    return handles;
  }
}
