package org.sipstrata.grammar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parse tree whose nodes are named by ABNF rules (e.g. {@code via-parm}, {@code sent-by}) and
 * hold octet offsets into the input. Rules that the generated grammar inlines (byte sets, LWS,
 * SEMI, …) do not appear as nodes; their text is part of the enclosing node.
 */
public final class ParseTree {

  private final byte[] input;
  private final Node root;

  /** A tree over {@code input}, which the tree owns from now on (it is not copied). */
  ParseTree(byte[] input, Node root) {
    this.input = input;
    this.root = root;
  }

  /** The node of the entry rule. */
  public Node root() {
    return root;
  }

  /** The octets the tree was parsed from (shared, not copied: for this package only). */
  byte[] input() {
    return input;
  }

  /** A copy of the octets a node matched. */
  public byte[] octets(Node node) {
    return java.util.Arrays.copyOfRange(input, node.start(), node.end());
  }

  /**
   * One rule match: the octets {@code [start, end)} of the input.
   *
   * @param rule the ABNF rule name as the RFC spells it
   */
  public record Node(String rule, int start, int end, List<Node> children) {
    public Node {
      children = List.copyOf(children);
    }
  }

  /**
   * This tree without the nodes named in {@code rules}: the children of such a node take its
   * place among its parent's children. Where that leaves more than one node at the top, they are
   * the children of a root named {@code ""}, as for a rule whose tree has several top nodes. What
   * {@link SipGrammar#parse(EntryRule, byte[], SipGrammar.Dissolved)} gives.
   */
  public ParseTree dissolving(java.util.Set<String> rules) {
    List<Node> top = dissolved(root.rule().isEmpty() ? root.children() : List.of(root), rules);
    return new ParseTree(input, top.size() == 1 ? top.get(0)
        : new Node("", root.start(), root.end(), top));
  }

  private static List<Node> dissolved(List<Node> nodes, java.util.Set<String> rules) {
    List<Node> out = new ArrayList<>(nodes.size());
    for (Node n : nodes) {
      List<Node> children = dissolved(n.children(), rules);
      if (rules.contains(n.rule())) {
        out.addAll(children);
      } else {
        out.add(new Node(n.rule(), n.start(), n.end(), children));
      }
    }
    return out;
  }

  /** The text a node matched (UTF-8). */
  public String text(Node node) {
    return new String(input, node.start(), node.end() - node.start(), StandardCharsets.UTF_8);
  }

  /** Every node named {@code rule}, in document order (pre-order). */
  public List<Node> findAll(String rule) {
    List<Node> out = new ArrayList<>();
    collect(root, rule, out);
    return out;
  }

  /** The first node named {@code rule} in document order. */
  public Optional<Node> find(String rule) {
    List<Node> all = findAll(rule);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** The first node named {@code rule} at or below {@code node}, in document order. */
  public static Optional<Node> first(Node node, String rule) {
    if (node.rule().equals(rule)) {
      return Optional.of(node);
    }
    for (Node child : node.children()) {
      Optional<Node> found = first(child, rule);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static void collect(Node node, String rule, List<Node> out) {
    if (node.rule().equals(rule)) {
      out.add(node);
    }
    for (Node child : node.children()) {
      collect(child, rule, out);
    }
  }

  /** The tree, one node per line, indented by depth: {@code rule "text"}. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    format(root, 0, sb);
    return sb.toString();
  }

  private void format(Node node, int depth, StringBuilder sb) {
    sb.append("  ".repeat(depth)).append(node.rule()).append(' ');
    sb.append('"').append(escape(text(node))).append('"').append('\n');
    for (Node child : node.children()) {
      format(child, depth + 1, sb);
    }
  }

  private static String escape(String text) {
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < text.length(); i++) {
      if (shown++ == 60) {
        sb.append("…");
        break;
      }
      char c = text.charAt(i);
      switch (c) {
        case '\r' -> sb.append("\\r");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> sb.append(c < 0x20 ? String.format("\\x%02X", (int) c) : String.valueOf(c));
      }
    }
    return sb.toString();
  }
}
