package org.sipstrata.abnf;

import java.util.BitSet;
import java.util.List;

/**
 * The elements of an ABNF rule (RFC 5234 §4 {@code element} and the operators of §3), as immutable
 * records. Groups {@code ( )} are not a type of their own: a group is its alternation. An option
 * {@code [x]} is {@code Repetition(0, 1, x)} (RFC 5234 §3.8 defines it as {@code *1(x)}).
 */
public sealed interface Element {

  /** {@code a / b / c} (RFC 5234 §3.2). */
  record Alternation(List<Element> alternatives) implements Element {
    public Alternation {
      alternatives = List.copyOf(alternatives);
    }
  }

  /** {@code a b c} (RFC 5234 §3.1). */
  record Concatenation(List<Element> elements) implements Element {
    public Concatenation {
      elements = List.copyOf(elements);
    }
  }

  /**
   * {@code m*n element} (RFC 5234 §3.6, §3.7); {@code max} is {@link #UNBOUNDED} for {@code m*}.
   */
  record Repetition(int min, int max, Element element) implements Element {
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    public boolean unbounded() {
      return max == UNBOUNDED;
    }
  }

  /** A reference to a rule, by its name as written at the reference (names are case-insensitive). */
  record RuleRef(String name, Position position) implements Element {}

  /**
   * A quoted string. RFC 5234 §2.3: {@code "..."} is case-insensitive; RFC 7405: {@code %s"..."} is
   * case-sensitive and {@code %i"..."} explicitly case-insensitive.
   */
  record CharVal(String text, boolean caseSensitive) implements Element {

    /** The octets the character at {@code index} matches: itself, and its other case unless %s. */
    public BitSet octetsAt(int index) {
      char ch = text.charAt(index);
      BitSet octets = new BitSet();
      octets.set(ch);
      //= https://www.rfc-editor.org/rfc/rfc5234#section-2.3
      //# ABNF strings are case insensitive and the character set for these
      //# strings is US-ASCII.
      if (!caseSensitive && ch < 128 && Character.isLetter(ch)) {
        octets.set(Character.toLowerCase(ch));
        octets.set(Character.toUpperCase(ch));
      }
      return octets;
    }
  }

  /** A concatenation of terminal values {@code %x0D.0A} (RFC 5234 §2.3, §3.1); one value is a list of one. */
  record NumVal(char base, List<Integer> values) implements Element {
    public NumVal {
      values = List.copyOf(values);
    }
  }

  /** A value range {@code %x30-39} (RFC 5234 §3.4). */
  record ValueRange(char base, int low, int high) implements Element {}

  /** A prose description {@code <...>} (RFC 5234 §4 {@code prose-val}): no machine meaning. */
  record ProseVal(String text, Position position) implements Element {}
}
