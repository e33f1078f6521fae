package org.sipstrata.transaction.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sipstrata.transaction.Machine;
import org.sipstrata.transaction.Row;
import org.sipstrata.transaction.State;
import org.sipstrata.transaction.TransitionTable;

/**
 * Draws one machine of {@link TransitionTable} as an SVG figure in the manner of RFC 3261 Figures
 * 5-8: the states as rounded boxes from top to bottom in the order the RFC's figure draws them,
 * one arrow per row labelled with the row's event above its actions, rows the figure does not
 * draw dashed. Every label comes from the rows; only the order of the boxes is the figure's.
 *
 * <p>Layout, so that a reader can follow each arrow: an arrow between two boxes leaves the
 * source box on its right side, runs down its own vertical lane and enters the target box from
 * the right; its label stands beside its lane in the gap below the source box, on a dot. A loop
 * (an arrow from a box to itself) is a small arc on the box's left side with its label left of
 * it. The output depends on the table only, so rendering twice gives the same bytes.
 */
public final class FigureSvg {

  /** The order of the boxes, top to bottom, as the figure in force draws them. */
  private static final Map<Machine, List<State>> ORDER =
      Map.of(
          Machine.INVITE_CLIENT,
          List.of(State.CALLING, State.PROCEEDING, State.COMPLETED, State.ACCEPTED, State.TERMINATED),
          Machine.NON_INVITE_CLIENT,
          List.of(State.TRYING, State.PROCEEDING, State.COMPLETED, State.TERMINATED),
          Machine.INVITE_SERVER,
          List.of(State.PROCEEDING, State.COMPLETED, State.CONFIRMED, State.ACCEPTED, State.TERMINATED),
          Machine.NON_INVITE_SERVER,
          List.of(State.TRYING, State.PROCEEDING, State.COMPLETED, State.TERMINATED));

  private static final int FONT = 13;
  private static final double CHAR = 7.0; // average advance of a 13 px sans-serif character
  private static final int ROW = 36; // height of one two-line label
  private static final int BOX_W = 150;
  private static final int LANE_GAP = 18;
  private static final int MARGIN = 20;

  private FigureSvg() {}

  /** The boxes of {@code machine}, top to bottom. */
  public static List<State> order(Machine machine) {
    return ORDER.get(machine);
  }

  /** The figure of {@code machine} as a standalone SVG document. */
  public static String render(Machine machine) {
    List<Row> rows = TransitionTable.rows(machine);
    List<State> order = order(machine);
    Set<State> used = new LinkedHashSet<>(TransitionTable.states(machine));
    if (!used.equals(new LinkedHashSet<>(order)) || order.size() != used.size()) {
      throw new IllegalStateException("figure order " + order + " is not the states " + used);
    }
    List<Row> loops = rows.stream().filter(r -> r.from().filter(s -> s == r.to()).isPresent()).toList();
    List<Row> arrows = rows.stream().filter(r -> !loops.contains(r)).toList();
    for (Row r : arrows) {
      if (r.from().isPresent() && order.indexOf(r.from().get()) > order.indexOf(r.to())) {
        throw new IllegalStateException(r.id() + " goes upward; the layout draws arrows downward");
      }
    }

    // Horizontal layout: loop labels | box column | lanes | lane labels.
    double loopLabelW = loops.stream().mapToDouble(FigureSvg::labelWidth).max().orElse(0);
    double boxLeft = MARGIN + loopLabelW + 48;
    double boxRight = boxLeft + BOX_W;
    double firstLane = boxRight + 28;

    // Vertical layout: title, start point, then each box followed by the gap for its arrows.
    double y = MARGIN + 56;
    double startY = y + 6;
    y = startY + 16 + 10;
    List<Optional<State>> sources = new ArrayList<>();
    sources.add(Optional.empty());
    order.forEach(s -> sources.add(Optional.of(s)));
    java.util.Map<Optional<State>, double[]> box = new java.util.HashMap<>(); // top, height
    java.util.Map<Row, Double> labelY = new java.util.HashMap<>();
    box.put(Optional.empty(), new double[] {startY - 6, 12});
    for (Optional<State> source : sources) {
      if (source.isPresent()) {
        State s = source.get();
        long nLoops = loops.stream().filter(r -> r.to() == s).count();
        long nPorts = arrows.stream().filter(r -> r.to() == s || r.from().equals(source)).count();
        double h = Math.max(44, Math.max(nLoops * ROW + 8, (nPorts + 1) * 12));
        box.put(source, new double[] {y, h});
        y += h + 18;
      }
      for (Row r : arrows) {
        if (r.from().equals(source)) {
          labelY.put(r, y + 14);
          y += ROW;
        }
      }
      y += 10;
    }
    double height = y + MARGIN;

    StringBuilder body = new StringBuilder();
    double maxX = firstLane;
    // Boxes.
    for (State s : order) {
      double[] b = box.get(Optional.of(s));
      body.append(String.format(Locale.ROOT,
          "  <g class=\"state\" data-state=\"%s\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" rx=\"12\" ry=\"12\"/>"
              + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"name\">%s</text></g>%n",
          s.name(), boxLeft, b[0], BOX_W, b[1], boxLeft + BOX_W / 2.0, b[0] + b[1] / 2 + 5,
          escape(s.label())));
    }
    body.append(String.format(Locale.ROOT,
        "  <circle class=\"start\" cx=\"%.1f\" cy=\"%.1f\" r=\"6\"/>%n", boxRight - 6, startY));

    // Ports on the right side of each box: arrows in (from above) first, then arrows out.
    java.util.Map<Row, double[]> ports = new java.util.HashMap<>(); // out y, in y
    for (Optional<State> source : sources) {
      double[] b = box.get(source);
      List<Row> in = source.isEmpty() ? List.of()
          : arrows.stream().filter(r -> r.to() == source.get()).toList();
      List<Row> out = arrows.stream().filter(r -> r.from().equals(source)).toList();
      int n = in.size() + out.size();
      int i = 0;
      for (Row r : in) {
        ports.computeIfAbsent(r, k -> new double[2])[1] = b[0] + (++i) * b[1] / (n + 1);
      }
      for (Row r : out) {
        ports.computeIfAbsent(r, k -> new double[2])[0] =
            source.isEmpty() ? startY : b[0] + (++i) * b[1] / (n + 1);
      }
    }

    // Arrows between boxes, each in its own lane. Drawn right to left, so that a label (and the
    // white ground under it) covers the lanes further right that cross it.
    for (int lane = arrows.size() - 1; lane >= 0; lane--) {
      Row r = arrows.get(lane);
      double x = firstLane + lane * LANE_GAP;
      double[] p = ports.get(r);
      double ly = labelY.get(r);
      body.append(String.format(Locale.ROOT,
          "  <g class=\"arrow%s\" data-row=\"%s\"><title>%s</title>"
              + "<path d=\"M %.1f %.1f H %.1f V %.1f H %.1f\" marker-end=\"url(#head)\"/>"
              + "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"/>%s</g>%n",
          r.drawn() ? "" : " text-only", r.id(), escape(r.toString()),
          boxRight, p[0], x, p[1], boxRight + 1, x, ly,
          label(r, x + 7, ly, "start")));
      maxX = Math.max(maxX, x + 7 + labelWidth(r));
    }
    // Loops on the left side.
    for (State s : order) {
      double[] b = box.get(Optional.of(s));
      List<Row> mine = loops.stream().filter(r -> r.to() == s).toList();
      for (int i = 0; i < mine.size(); i++) {
        Row r = mine.get(i);
        double cy = b[0] + 4 + (i + 0.5) * (b[1] - 8) / mine.size();
        body.append(String.format(Locale.ROOT,
            "  <g class=\"arrow loop%s\" data-row=\"%s\"><title>%s</title>"
                + "<path d=\"M %.1f %.1f C %.1f %.1f %.1f %.1f %.1f %.1f\" marker-end=\"url(#head)\"/>%s</g>%n",
            r.drawn() ? "" : " text-only", r.id(), escape(r.toString()),
            boxLeft, cy - 7, boxLeft - 40, cy - 16, boxLeft - 40, cy + 16, boxLeft - 1, cy + 7,
            label(r, boxLeft - 34, cy - 2, "end")));
      }
    }

    String title = "Figure " + machine.figure() + ": " + machine.title();
    String sub = "as drawn in " + sectionOf(machine.figureSource())
        + "; each arrow is a row of TransitionTable (event above, actions below; dashed: text only)";
    maxX = Math.max(maxX, MARGIN + Math.max(title.length() * 9.5, sub.length() * CHAR * 0.9));
    double width = Math.ceil(maxX + MARGIN);

    StringBuilder out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\""
            + " font-family=\"Helvetica, Arial, sans-serif\" font-size=\"%d\">%n",
        width, Math.ceil(height), width, Math.ceil(height), FONT));
    out.append("  <defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
        + " markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">"
        + "<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#222\"/></marker></defs>\n");
    out.append("  <style>.state rect{fill:#f4f7fb;stroke:#222;stroke-width:1.5}"
        + " .name{font-weight:bold;font-size:15px}"
        + " .arrow path{fill:none;stroke:#222;stroke-width:1.2}"
        + " .text-only path{stroke-dasharray:6 4;stroke:#777}"
        + " .text-only text{fill:#555}"
        + " .dot{fill:#222} .start{fill:#222}"
        + " rect.under{fill:#fff;fill-opacity:0.92;stroke:none}"
        + " .event{font-weight:bold} .title{font-size:18px;font-weight:bold}</style>\n");
    out.append(String.format(Locale.ROOT,
        "  <text class=\"title\" x=\"%d\" y=\"%d\">%s</text>%n", MARGIN, MARGIN + 18, escape(title)));
    out.append(String.format(Locale.ROOT,
        "  <text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>%n", MARGIN, MARGIN + 38, escape(sub)));
    out.append(body);
    out.append("</svg>\n");
    return out.toString();
  }

  private static String label(Row row, double x, double y, String anchor) {
    double w = labelWidth(row) + 6;
    double left = anchor.equals("end") ? x - w + 3 : x - 3;
    return String.format(Locale.ROOT,
        "<rect class=\"under\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"32\"/>"
            + "<text class=\"label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">"
            + "<tspan class=\"event\">%s</tspan><tspan x=\"%.1f\" dy=\"15\">%s</tspan></text>",
        left, y - 13, w, x, y, anchor, escape(row.eventLabel()), x, escape(row.actionLabel()));
  }

  private static double labelWidth(Row row) {
    return Math.max(row.eventLabel().length() * CHAR * 1.05, row.actionLabel().length() * CHAR);
  }

  private static String sectionOf(String url) {
    return "RFC " + url.replaceAll(".*/rfc(\\d+)#.*", "$1") + " §" + url.replaceAll(".*#section-", "");
  }

  /** XML text and attribute escaping. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
