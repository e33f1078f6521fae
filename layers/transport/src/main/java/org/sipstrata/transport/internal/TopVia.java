package org.sipstrata.transport.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.sipstrata.syntax.HeaderField;
import org.sipstrata.syntax.HeaderFields;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.Via;

/**
 * The topmost Via value of a message: the first value of the first Via row (RFC 3261 §7.3.1), read
 * with the syntax layer's {@link Via}.
 */
public final class TopVia {

  /** The lookup key of Via, which also matches its compact form {@code v} (§7.3.3). */
  private static final String VIA_KEY = HeaderField.of("Via", "x").key();

  private TopVia() {}

  /** The top Via value as text, if the message has a Via row. */
  public static Optional<String> text(SipMessage message) {
    return message.header("Via").flatMap(row -> row.values().stream().findFirst());
  }

  /** The top Via value; empty if absent or not matching the Via rule of §25. */
  public static Optional<Via> of(SipMessage message) {
    return text(message).flatMap(text -> Via.parse(text).toOptional());
  }

  /**
   * The message with its top Via value replaced by {@code change} applied to it; the other values of
   * that row, the other rows and the body are kept. Empty if there is no readable top Via.
   */
  public static <M extends SipMessage> Optional<M> replace(M message, UnaryOperator<Via> change) {
    List<HeaderField> rows = new ArrayList<>(message.headers().all());
    for (int r = 0; r < rows.size(); r++) {
      HeaderField row = rows.get(r);
      if (!row.key().equals(VIA_KEY)) {
        continue;
      }
      List<String> values = new ArrayList<>(row.values());
      Optional<Via> top = values.isEmpty() ? Optional.empty() : Via.parse(values.get(0)).toOptional();
      if (top.isEmpty()) {
        return Optional.empty();
      }
      values.set(0, change.apply(top.get()).toString());
      rows.set(r, HeaderField.of(row.name(), String.join(", ", values)));
      @SuppressWarnings("unchecked")
      M changed = (M) message.withHeaders(HeaderFields.of(rows));
      return Optional.of(changed);
    }
    return Optional.empty();
  }
}
