package org.sipstrata.syntax.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sipstrata.grammar.ParseTree;
import org.sipstrata.grammar.ParseTree.Node;
import org.sipstrata.syntax.Parameter;
import org.sipstrata.syntax.Parameters;
import org.sipstrata.syntax.SyntaxError;

/** Reading the grammar's parse trees: children by ABNF rule name, positions, parameters. */
public final class Trees {

  private Trees() {}

  /** The first direct child of {@code node} named {@code rule}. */
  public static Optional<Node> child(Node node, String rule) {
    List<Node> children = node.children();
    for (int i = 0; i < children.size(); i++) {
      Node c = children.get(i);
      if (named(c, rule)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The first direct child of {@code node} named one of {@code rules}. */
  public static Optional<Node> child(Node node, String... rules) {
    List<Node> children = node.children();
    for (int i = 0; i < children.size(); i++) {
      Node c = children.get(i);
      for (String rule : rules) {
        if (named(c, rule)) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code node} is named {@code rule}. The grammar interns its rule names and the names
   * here are literals, so a match is mostly an identity; a String's cached hash rules out the rest
   * before any comparison of characters.
   */
  public static boolean named(Node node, String rule) {
    String name = node.rule();
    return name == rule || (name.hashCode() == rule.hashCode() && name.equals(rule));
  }

  /** The direct children of {@code node} named one of {@code rules}, in order. */
  public static List<Node> children(Node node, Set<String> rules) {
    List<Node> out = new ArrayList<>(node.children().size());
    for (Node c : node.children()) {
      if (rules.contains(c.rule())) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * A parameter node's text as {@link Parameter}: the grammar has matched {@code name [ EQUAL value
   * ]} (EQUAL = SWS "=" SWS, §25.1), and a name is a token, which has no "=", so the name ends at
   * the first "=". Whitespace around the "=" (including folds) is dropped.
   */
  public static Parameter parameter(ParseTree tree, Node node) {
    String text = tree.text(node);
    int eq = text.indexOf('=');
    if (eq < 0) {
      return Parameter.flag(strip(text));
    }
    return Parameter.of(strip(text, 0, eq), strip(text, eq + 1, text.length()));
  }

  /** {@link #strip(String)} of {@code s.substring(from, to)}, with one substring. */
  private static String strip(String s, int from, int to) {
    while (from < to && isWhite(s.charAt(from))) {
      from++;
    }
    while (to > from && isWhite(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  /** The parameters among the direct children of {@code node} named one of {@code rules}. */
  public static Parameters parameters(ParseTree tree, Node node, Set<String> rules) {
    List<Parameter> list = new ArrayList<>();
    for (Node c : children(node, rules)) {
      list.add(parameter(tree, c));
    }
    return list.isEmpty() ? Parameters.none() : new Parameters(list);
  }

  /** Strips SP, HTAB, CR and LF (a fold inside a header value) from both ends. */
  public static String strip(String s) {
    return strip(s, 0, s.length());
  }

  private static boolean isWhite(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  /** The text of a {@code quoted-string} without its quotes, each {@code quoted-pair} resolved. */
  public static String unquote(String quoted) {
    String s = strip(quoted);
    if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() - 1) {
        sb.append(s.charAt(++i));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * An error at {@code node}: line and column counted in the tree's input (1-based, lines end at
   * LF), as the grammar counts.
   */
  public static SyntaxError error(SyntaxError.Kind kind, ParseTree tree, Node node, String rule,
      String section, String detail) {
    byte[] input = tree.octets(tree.root());
    int base = tree.root().start();
    int line = 1;
    int lineStart = 0;
    int at = node.start() - base;
    for (int i = 0; i < at && i < input.length; i++) {
      if (input[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int from = Math.min(Math.max(at, 0), input.length);
    int to = Math.min(Math.max(node.end() - base, from), input.length);
    String found = Ascii.excerpt(input, from, to, 60);
    return new SyntaxError(kind, line, at - lineStart + 1, rule, section, found, detail);
  }

  /** The decimal value of a run of digits, saturated at Long.MAX_VALUE. */
  public static long digits(String digits) {
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      if (value > (Long.MAX_VALUE - 9) / 10) {
        return Long.MAX_VALUE;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
