package org.sipstrata.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rows of a state-transition table, each a requirement that needs a test of its own.
 *
 * <p>The module that owns the table writes it as a listing at build time (this module depends on
 * no other, so it reads the listing instead of the table): one row a line, {@code
 * id<TAB>section URL<TAB>text}, lines starting with {@code #} are comments. A test claims a row
 * with {@code //= row=<id>} in a {@code //= type=test} citation of the row's section; the owning
 * module's own tests check that each claim sits in a test method that asserts the row fired.
 */
public final class TableRows {

  /**
   * One row of the listing.
   *
   * @param id the row's name, e.g. "F5.3"
   * @param source the URL of the section that defines the row, in citation form
   * @param text the row as one line, for the report
   */
  public record TableRow(String id, String source, String text) {
    public TableRow {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(text, "text");
    }
  }

  /** One row and the valid test citations that claim it. */
  public record RowCoverage(TableRow row, List<Citation> tests) {
    public RowCoverage {
      tests = List.copyOf(tests);
    }

    public boolean tested() {
      return !tests.isEmpty();
    }
  }

  private TableRows() {}

  /**
   * Reads a listing; {@code name} names it in errors.
   *
   * @throws IllegalArgumentException naming the line of a malformed or repeated row
   */
  public static List<TableRow> parse(String name, String listing) {
    Map<String, TableRow> rows = new LinkedHashMap<>();
    String[] lines = listing.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != 3 || fields[0].isBlank() || fields[1].isBlank()) {
        throw new IllegalArgumentException(
            name + ":" + (i + 1) + ": expected id<TAB>section URL<TAB>text");
      }
      TableRow row = new TableRow(fields[0], fields[1], fields[2]);
      if (rows.putIfAbsent(row.id(), row) != null) {
        throw new IllegalArgumentException(name + ":" + (i + 1) + ": row " + row.id() + " twice");
      }
    }
    return List.copyOf(rows.values());
  }

  /** Each row with the valid test citations that name it, in listing order. */
  public static List<RowCoverage> coverage(List<TableRow> rows, Traceability t) {
    Map<String, List<Citation>> tests = new HashMap<>();
    for (Citation c : t.citations()) {
      if (t.isValid(c) && c.type() == CitationType.TEST) {
        for (String id : c.rows()) {
          tests.computeIfAbsent(id, k -> new ArrayList<>()).add(c);
        }
      }
    }
    List<RowCoverage> out = new ArrayList<>();
    for (TableRow row : rows) {
      out.add(new RowCoverage(row, tests.getOrDefault(row.id(), List.of())));
    }
    return out;
  }

  /**
   * The errors in the claims: a row name that is not in the listing, a claim in a citation of
   * another section than the one that defines the row, and a row that no test claims.
   */
  public static List<Finding> check(List<TableRow> rows, Traceability t, String listingName) {
    Map<String, TableRow> byId = new HashMap<>();
    for (TableRow row : rows) {
      byId.put(row.id(), row);
    }
    List<Finding> out = new ArrayList<>();
    for (Citation c : t.citations()) {
      for (String id : c.rows()) {
        TableRow row = byId.get(id);
        if (row == null) {
          out.add(Finding.error(c.file(), c.line(), "row " + id + " is not in " + listingName));
        } else if (!row.source().equals(c.url())) {
          out.add(
              Finding.error(
                  c.file(),
                  c.line(),
                  "row " + id + " is defined by " + row.source() + ", not by " + c.url()));
        }
      }
    }
    for (RowCoverage r : coverage(rows, t)) {
      if (!r.tested()) {
        out.add(
            Finding.error(
                listingName, 1, "no test claims row " + r.row().id() + ": " + r.row().text()));
      }
    }
    return out;
  }
}
