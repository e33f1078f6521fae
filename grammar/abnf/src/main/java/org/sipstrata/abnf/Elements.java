package org.sipstrata.abnf;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/** Traversal and printing of {@link Element} trees, without recursion (trees may be deep). */
public final class Elements {

  private Elements() {}

  /** Visits every element of the tree, parents before children. */
  public static void walk(Element root, Consumer<Element> visitor) {
    Deque<Element> work = new ArrayDeque<>();
    work.push(root);
    while (!work.isEmpty()) {
      Element e = work.pop();
      visitor.accept(e);
      switch (e) {
        case Element.Alternation a -> a.alternatives().reversed().forEach(work::push);
        case Element.Concatenation c -> c.elements().reversed().forEach(work::push);
        case Element.Repetition r -> work.push(r.element());
        default -> { }
      }
    }
  }

  /** The element in ABNF notation (normalised spacing, parentheses only where needed). */
  public static String toAbnf(Element e) {
    StringBuilder sb = new StringBuilder();
    print(e, sb, 0);
    return sb.toString();
  }

  private static void print(Element e, StringBuilder sb, int context) {
    // context: 0 = top, 1 = inside concatenation, 2 = operand of a repetition
    switch (e) {
      case Element.Alternation a -> {
        boolean paren = context > 0;
        if (paren) sb.append('(');
        for (int i = 0; i < a.alternatives().size(); i++) {
          if (i > 0) sb.append(" / ");
          print(a.alternatives().get(i), sb, 1);
        }
        if (paren) sb.append(')');
      }
      case Element.Concatenation c -> {
        boolean paren = context > 1;
        if (paren) sb.append('(');
        for (int i = 0; i < c.elements().size(); i++) {
          if (i > 0) sb.append(' ');
          print(c.elements().get(i), sb, 2);
        }
        if (paren) sb.append(')');
      }
      case Element.Repetition r -> {
        if (r.min() == 0 && r.max() == 1) {
          sb.append('[');
          print(r.element(), sb, 0);
          sb.append(']');
          return;
        }
        if (r.min() == r.max()) {
          sb.append(r.min());
        } else {
          if (r.min() > 0) sb.append(r.min());
          sb.append('*');
          if (!r.unbounded()) sb.append(r.max());
        }
        print(r.element(), sb, 2);
      }
      case Element.RuleRef ref -> sb.append(ref.name());
      case Element.CharVal cv -> sb.append(cv.caseSensitive() ? "%s\"" : "\"").append(cv.text()).append('"');
      case Element.NumVal nv -> {
        sb.append('%').append(nv.base());
        for (int i = 0; i < nv.values().size(); i++) {
          if (i > 0) sb.append('.');
          sb.append(number(nv.base(), nv.values().get(i)));
        }
      }
      case Element.ValueRange vr -> sb.append('%').append(vr.base()).append(number(vr.base(), vr.low()))
          .append('-').append(number(vr.base(), vr.high()));
      case Element.ProseVal p -> sb.append('<').append(p.text()).append('>');
    }
  }

  private static String number(char base, int value) {
    return switch (base) {
      case 'b' -> Integer.toBinaryString(value);
      case 'd' -> Integer.toString(value);
      default -> String.format("%02X", value);
    };
  }
}
