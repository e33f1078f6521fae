package org.sipstrata.abnf.oracle;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sipstrata.abnf.Element;
import org.sipstrata.abnf.Rule;
import org.sipstrata.abnf.RuleSet;

/**
 * Decides exactly whether a byte string matches an ABNF rule, the reference against which generated
 * parsers are tested.
 *
 * <p>It explores every way to match, as full backtracking would, but computes for each element and
 * start position the set of positions where a match can end, and remembers that set per rule and
 * position, so ambiguity costs polynomial rather than exponential time. Left recursion is handled by
 * repeating the computation until the remembered sets stop growing. Bytes are compared as values
 * 0–255; a quoted string matches ASCII letters of either case unless it is {@code %s} (RFC 7405). A
 * prose-val matches nothing.
 *
 * <p>Work is bounded by a step budget and a nesting depth; past either, the outcome is
 * {@link Outcome#BUDGET_EXCEEDED}, never a hang or a {@link StackOverflowError}.
 */
public final class AbnfMatcher {

  /** The answer. */
  public enum Outcome {
    MATCH,
    NO_MATCH,
    /** The step budget or the nesting limit was reached before an answer. */
    BUDGET_EXCEEDED
  }

  /** The answer with the number of steps it took and, if undecided, why. */
  public record Result(Outcome outcome, long steps, String detail) {
    public boolean matched() {
      return outcome == Outcome.MATCH;
    }
  }

  public static final long DEFAULT_BUDGET = 5_000_000;
  public static final int DEFAULT_MAX_DEPTH = 1_000;

  private final RuleSet rules;
  private final long budget;
  private final int maxDepth;

  public AbnfMatcher(RuleSet rules) {
    this(rules, DEFAULT_BUDGET, DEFAULT_MAX_DEPTH);
  }

  public AbnfMatcher(RuleSet rules, long budget, int maxDepth) {
    this.rules = rules;
    this.budget = budget;
    this.maxDepth = maxDepth;
  }

  /**
   * Whether all of {@code input} matches {@code rule}.
   *
   * @throws IllegalStateException if the budget is exceeded (use {@link #match} to get that as a value)
   */
  public static boolean matches(RuleSet rules, String rule, byte[] input) {
    Result r = new AbnfMatcher(rules).match(rule, input);
    if (r.outcome() == Outcome.BUDGET_EXCEEDED) {
      throw new IllegalStateException("ABNF matcher: " + r.detail());
    }
    return r.matched();
  }

  /** Whether all of {@code input} matches {@code rule}; an undefined rule matches nothing. */
  public Result match(String rule, byte[] input) {
    Run run = new Run(input);
    Element start = new Element.RuleRef(rule, org.sipstrata.abnf.Position.NONE);
    try {
      BitSet ends;
      do {
        run.grew = false;
        run.active.clear();
        ends = run.ends(start, 0, 0);
      } while (run.leftRecursive && run.grew);
      return new Result(ends.get(input.length) ? Outcome.MATCH : Outcome.NO_MATCH, run.steps, "");
    } catch (Exhausted e) {
      return new Result(Outcome.BUDGET_EXCEEDED, run.steps, e.getMessage());
    } catch (StackOverflowError e) {
      // The nesting limit is meant to come first; a small thread stack can still run out.
      return new Result(Outcome.BUDGET_EXCEEDED, run.steps, "nesting deeper than the thread's stack allows");
    }
  }

  private static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exhausted(String message) {
      super(message, null, false, false);
    }
  }

  private final class Run {
    final byte[] in;
    final Map<Long, BitSet> memo = new HashMap<>();
    final Map<Long, Boolean> active = new HashMap<>();
    final Map<String, Integer> index = new HashMap<>();
    long steps;
    boolean leftRecursive;
    boolean grew;

    Run(byte[] in) {
      this.in = in;
    }

    BitSet ends(Element e, int pos, int depth) {
      if (++steps > budget) {
        throw new Exhausted("step budget of " + budget + " exceeded");
      }
      if (depth > maxDepth) {
        throw new Exhausted("nesting deeper than " + maxDepth);
      }
      BitSet out = new BitSet();
      switch (e) {
        case Element.CharVal cv -> {
          String t = cv.text();
          if (pos + t.length() > in.length) {
            break;
          }
          for (int i = 0; i < t.length(); i++) {
            int b = in[pos + i] & 0xFF;
            int c = t.charAt(i);
            //= https://www.rfc-editor.org/rfc/rfc5234#section-2.3
            //# ABNF strings are case insensitive and the character set for these
            //# strings is US-ASCII.
            if (b != c && (cv.caseSensitive() || !sameLetter(b, c))) {
              return out;
            }
          }
          out.set(pos + t.length());
        }
        case Element.NumVal nv -> {
          List<Integer> v = nv.values();
          if (pos + v.size() > in.length) {
            break;
          }
          for (int i = 0; i < v.size(); i++) {
            if ((in[pos + i] & 0xFF) != v.get(i)) {
              return out;
            }
          }
          out.set(pos + v.size());
        }
        case Element.ValueRange vr -> {
          if (pos < in.length && (in[pos] & 0xFF) >= vr.low() && (in[pos] & 0xFF) <= vr.high()) {
            out.set(pos + 1);
          }
        }
        case Element.ProseVal p -> { }
        case Element.Alternation a -> {
          for (Element x : a.alternatives()) {
            out.or(ends(x, pos, depth + 1));
          }
        }
        case Element.Concatenation c -> {
          out.set(pos);
          for (Element x : c.elements()) {
            out = step(out, x, depth);
            if (out.isEmpty()) {
              break;
            }
          }
        }
        case Element.Repetition r -> {
          BitSet current = new BitSet();
          current.set(pos);
          if (r.min() == 0) {
            out.set(pos);
          }
          for (long i = 1; i <= r.max(); i++) {
            current = step(current, r.element(), depth);
            if (current.isEmpty()) {
              break;
            }
            if (i >= r.min()) {
              BitSet fresh = (BitSet) current.clone();
              fresh.andNot(out);
              out.or(current);
              // Copies are memoryless: positions already reached with at least as many copies
              // left lead nowhere new.
              if (fresh.isEmpty() && i > r.min()) {
                break;
              }
            }
          }
        }
        case Element.RuleRef ref -> out = rule(ref, pos, depth);
      }
      return out;
    }

    private BitSet rule(Element.RuleRef ref, int pos, int depth) {
      String key = Rule.key(ref.name());
      Rule rule = rules.ruleMap().get(key);
      if (rule == null) {
        return new BitSet();
      }
      long id = (long) index.computeIfAbsent(key, k -> index.size()) * (in.length + 1L) + pos;
      BitSet known = memo.get(id);
      if (active.containsKey(id)) {
        // Left recursion: use what is known so far; the caller repeats until nothing grows.
        leftRecursive = true;
        return known == null ? new BitSet() : known;
      }
      if (known != null && !leftRecursive) {
        return known;
      }
      active.put(id, Boolean.TRUE);
      BitSet result = ends(rule.element(), pos, depth + 1);
      active.remove(id);
      if (known != null) {
        BitSet more = (BitSet) result.clone();
        more.andNot(known);
        if (!more.isEmpty()) {
          grew = true;
        }
        result.or(known);
      } else if (leftRecursive) {
        grew = true;
      }
      memo.put(id, result);
      return result;
    }

    private BitSet step(BitSet from, Element x, int depth) {
      BitSet to = new BitSet();
      for (int p = from.nextSetBit(0); p >= 0; p = from.nextSetBit(p + 1)) {
        to.or(ends(x, p, depth + 1));
      }
      return to;
    }
  }

  private static boolean sameLetter(int b, int c) {
    return c < 128 && b < 128 && Character.isLetter(c) && Character.toLowerCase((char) b) == Character.toLowerCase((char) c);
  }
}
