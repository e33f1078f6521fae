package org.sipstrata.transaction.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sipstrata.transaction.Machine;
import org.sipstrata.transaction.Row;
import org.sipstrata.transaction.State;
import org.sipstrata.transaction.TransitionTable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class FigureSvgTest {

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> groups(Document doc, String cssClass) {
    List<Element> found = new ArrayList<>();
    NodeList all = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
    for (int i = 0; i < all.getLength(); i++) {
      Element g = (Element) all.item(i);
      if (List.of(g.getAttribute("class").split(" ")).contains(cssClass)) {
        found.add(g);
      }
    }
    return found;
  }

  @ParameterizedTest
  @EnumSource(Machine.class)
  @DisplayName("the figure is well-formed SVG with a viewBox and the figure number in its title")
  void parses(Machine machine) throws Exception {
    Element svg = parse(FigureSvg.render(machine)).getDocumentElement();
    assertThat(svg.getLocalName()).isEqualTo("svg");
    assertThat(svg.getAttribute("viewBox")).matches("0 0 \\d+ \\d+");
    assertThat(svg.getTextContent()).contains("Figure " + machine.figure() + ": " + machine.title());
  }

  @ParameterizedTest
  @EnumSource(Machine.class)
  @DisplayName("one box per state of the machine, named as the figure names it")
  void oneBoxPerState(Machine machine) throws Exception {
    List<Element> boxes = groups(parse(FigureSvg.render(machine)), "state");
    assertThat(boxes).extracting(g -> State.valueOf(g.getAttribute("data-state")))
        .containsExactlyInAnyOrderElementsOf(TransitionTable.states(machine));
    for (Element box : boxes) {
      assertThat(box.getElementsByTagNameNS("*", "rect").getLength()).isEqualTo(1);
      assertThat(box.getTextContent())
          .isEqualTo(State.valueOf(box.getAttribute("data-state")).label());
    }
  }

  @ParameterizedTest
  @EnumSource(Machine.class)
  @DisplayName("one arrow per row, with a path and the row's event and actions as its label")
  void oneArrowPerRow(Machine machine) throws Exception {
    List<Element> arrows = groups(parse(FigureSvg.render(machine)), "arrow");
    List<Row> rows = TransitionTable.rows(machine);
    assertThat(arrows).extracting(g -> g.getAttribute("data-row"))
        .containsExactlyInAnyOrderElementsOf(rows.stream().map(Row::id).toList());
    for (Row row : rows) {
      Element arrow = arrows.stream()
          .filter(g -> g.getAttribute("data-row").equals(row.id())).findFirst().orElseThrow();
      assertThat(arrow.getElementsByTagNameNS("*", "path").getLength()).isEqualTo(1);
      NodeList spans = arrow.getElementsByTagNameNS("*", "tspan");
      assertThat(spans.getLength()).isEqualTo(2);
      assertThat(spans.item(0).getTextContent()).isEqualTo(row.eventLabel());
      assertThat(spans.item(1).getTextContent()).isEqualTo(row.actionLabel());
      assertThat(arrow.getAttribute("class").contains("text-only")).isEqualTo(!row.drawn());
    }
  }

  @ParameterizedTest
  @EnumSource(Machine.class)
  @DisplayName("the boxes stand in the figure's order and every arrow between boxes goes down")
  void orderIsTheStates(Machine machine) {
    assertThat(FigureSvg.order(machine))
        .containsExactlyInAnyOrderElementsOf(TransitionTable.states(machine));
    for (Row row : TransitionTable.rows(machine)) {
      row.from().ifPresent(from -> assertThat(FigureSvg.order(machine).indexOf(from))
          .as(row.id()).isLessThanOrEqualTo(FigureSvg.order(machine).indexOf(row.to())));
    }
  }

  @ParameterizedTest
  @EnumSource(Machine.class)
  @DisplayName("rendering twice gives the same bytes")
  void deterministic(Machine machine) {
    assertThat(FigureSvg.render(machine).getBytes(StandardCharsets.UTF_8))
        .isEqualTo(FigureSvg.render(machine).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("markup in a label is escaped")
  void escapes() {
    assertThat(FigureSvg.escape("a < b & c > \"d\"")).isEqualTo("a &lt; b &amp; c &gt; &quot;d&quot;");
  }

  @Test
  @DisplayName("Figures writes an SVG and the table text for each of Figures 5-8")
  void writesFiles(@TempDir Path dir) throws Exception {
    Figures.main(new String[] {dir.toString()});
    for (Machine machine : Machine.values()) {
      Path svg = dir.resolve("figure-" + machine.figure() + ".svg");
      Path txt = dir.resolve("figure-" + machine.figure() + ".txt");
      assertThat(Files.readString(svg)).isEqualTo(FigureSvg.render(machine));
      assertThat(Files.readString(txt)).isEqualTo(TransitionTable.text(machine));
    }
  }
}
