package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The layer's trees leave out nodes no reader looks at (the labels of a hostname, the kinds of
 * token of a media type; see {@code Grammar.UNREAD}). Every typed header of every row of the
 * corpora is read here from such a tree and from the tree with every node: the values must be the
 * same, so a reader that starts to look at a left-out node fails this test.
 */
class TreeReadersAgreeTest {

  @Test
  @DisplayName("every typed header of every corpus row reads the same without the unread nodes")
  void everyRowOfTheCorpora() {
    int compared = 0;
    for (HeaderField row : Corpus.framedRows()) {
      for (TypedHeader<?> header : TypedHeader.ALL) {
        if (HeaderName.same(row.name(), header.name())) {
          HeaderField fresh = HeaderField.fromWire(row.raw());
          assertThat(header.readFromTree(fresh)).as("%s", row)
              .isEqualTo(header.readFromWholeTree(fresh));
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(2000);
  }

  @Test
  @DisplayName("Request-URIs of the corpora read the same without the unread nodes")
  void requestUris() {
    int compared = 0;
    for (SipMessage message : Corpus.framedMessages()) {
      if (message instanceof SipRequest request) {
        org.sipstrata.grammar.ParseResult whole = org.sipstrata.grammar.SipGrammar.strict()
            .parse(org.sipstrata.grammar.EntryRule.REQUEST_URI, request.requestUri());
        Parsed<Uri> expected = whole instanceof org.sipstrata.grammar.ParseResult.Ok ok
            ? org.sipstrata.syntax.internal.UriTrees.uri(ok.tree(), ok.tree().root())
            : null;
        Parsed<Uri> actual = Uri.parse(request.requestUri());
        if (expected != null) {
          assertThat(actual).as(request.requestUri()).isEqualTo(expected);
          compared++;
        } else {
          assertThat(actual).isInstanceOf(Parsed.Failed.class);
        }
      }
    }
    assertThat(compared).isGreaterThan(100);
  }
}
