package org.sipstrata.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.spec.internal.CatalogFormat;
import org.sipstrata.spec.internal.CatalogWriter;

class CatalogTest {

  private final Catalog catalog = Catalog.load();

  @Test
  @DisplayName("the committed catalog holds the RFCs that citations may name")
  void rfcs() {
    assertThat(catalog.rfcs()).contains(3261, 3263, 3581, 3966, 4320, 5234, 5954, 6026, 7405, 8217);
    assertThat(catalog.rfc(1)).isEmpty();
    RfcEntry sip = catalog.rfc(3261).orElseThrow();
    assertThat(sip.title()).isEqualTo("SIP: Session Initiation Protocol");
    assertThat(sip.sections()).hasSize(315);
    assertThat(sip.section("17.1.1.2").orElseThrow().title()).isEqualTo("Formal Description");
    assertThat(sip.count(Level.MUST)).isGreaterThan(500);
    assertThat(sip.count(Level.MUST) + sip.count(Level.SHOULD) + sip.count(Level.MAY))
        .isEqualTo(sip.requirements().size());
  }

  @Test
  @DisplayName("writing an entry and reading it back gives the same entry")
  void roundTrip() {
    RfcEntry entry = RfcEntry.extract(RfcDocumentTest.fixture(3581));
    RfcEntry back =
        CatalogFormat.read(
            CatalogFormat.writeSections(entry), CatalogFormat.writeRequirements(entry));
    assertThat(back.title()).isEqualTo(entry.title());
    assertThat(back.sections()).isEqualTo(entry.sections());
    assertThat(back.requirements()).isEqualTo(entry.requirements());
    assertThat(catalog.rfc(3581).orElseThrow().requirements()).isEqualTo(entry.requirements());
  }

  @Test
  @DisplayName("the committed catalog equals a fresh extraction of the shared RFC folder")
  void upToDate() throws IOException {
    Path dir = Path.of(System.getProperty("strata.shared", "/work/shared"), "spec");
    assumeTrue(
        Files.isDirectory(dir),
        "no RFC folder at " + dir + ": cannot check that the committed catalog is up to date");
    List<RfcEntry> fresh = CatalogWriter.extract(dir);
    assertThat(resource("index.txt")).isEqualTo(CatalogWriter.index(fresh));
    for (RfcEntry e : fresh) {
      assertThat(resource(CatalogFormat.sectionsFile(e.rfc())))
          .as(
              "%s is stale: regenerate the catalog (see spec/README.md)",
              CatalogFormat.sectionsFile(e.rfc()))
          .isEqualTo(CatalogFormat.writeSections(e));
      assertThat(resource(CatalogFormat.requirementsFile(e.rfc())))
          .as(
              "%s is stale: regenerate the catalog (see spec/README.md)",
              CatalogFormat.requirementsFile(e.rfc()))
          .isEqualTo(CatalogFormat.writeRequirements(e));
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Catalog.class.getResourceAsStream("catalog/" + name)) {
      assertThat(in).as("catalog resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
