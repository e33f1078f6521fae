package org.sipstrata.grammar.internal;

import java.nio.charset.StandardCharsets;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * The token stream of the generated parser: one token per octet, token type = octet value + 1.
 *
 * <p>ABNF is defined over octets (RFC 5234 §2.3 terminal values), so the parser sees the message
 * byte by byte and no lexer decides anything the grammar did not say. There is no generated lexer:
 * the token type is a table look-up ({@code (b & 0xFF) + 1}), which is what the generated grammar
 * declares ({@code X00} is token type 1, {@code XFF} is 256).
 *
 * <p>Tokens are created only when the parser asks for one ({@link #LT}); lookahead during prediction
 * uses {@link #LA} and allocates nothing. A token's index is its byte offset.
 */
public final class ByteTokenStream implements TokenStream, TokenSource {

  private final byte[] input;
  private final int from;
  private final int to;
  private final Token[] tokens;
  private int position;

  /** A stream over {@code input[from, to)}; token indexes are offsets relative to {@code from}. */
  public ByteTokenStream(byte[] input, int from, int to) {
    this.input = input;
    this.from = from;
    this.to = to;
    this.tokens = new Token[to - from + 1];
  }

  /** The token type of an octet. */
  //= https://www.rfc-editor.org/rfc/rfc5234#section-2.3
  //# In ABNF, a character is merely a non-negative integer.
  public static int tokenType(int octet) {
    return (octet & 0xFF) + 1;
  }

  /** Number of octets in the stream. */
  public int length() {
    return to - from;
  }

  /** The octet at relative offset {@code offset}. */
  public int octet(int offset) {
    return input[from + offset] & 0xFF;
  }

  @Override
  public Token LT(int k) {
    if (k == 0) {
      return null;
    }
    int i = k > 0 ? position + k - 1 : position + k;
    if (i < 0) {
      return null;
    }
    return get(Math.min(i, length()));
  }

  @Override
  public Token get(int index) {
    if (index < 0 || index > length()) {
      throw new IndexOutOfBoundsException(index);
    }
    Token token = tokens[index];
    if (token == null) {
      int type = index == length() ? Token.EOF : tokenType(input[from + index]);
      token = new OctetToken(type, index, this);
      tokens[index] = token;
    }
    return token;
  }

  @Override
  public int LA(int i) {
    if (i == 0) {
      return 0;
    }
    int index = i > 0 ? position + i - 1 : position + i;
    if (index < 0) {
      return 0;
    }
    return index >= length() ? Token.EOF : tokenType(input[from + index]);
  }

  @Override
  public void consume() {
    if (position >= length()) {
      throw new IllegalStateException("cannot consume EOF");
    }
    position++;
  }

  @Override
  public int mark() {
    return -1;
  }

  @Override
  public void release(int marker) {
    // The whole input is in memory: nothing to release.
  }

  @Override
  public int index() {
    return position;
  }

  @Override
  public void seek(int index) {
    position = Math.max(0, Math.min(index, length()));
  }

  @Override
  public int size() {
    return length() + 1;
  }

  @Override
  public String getSourceName() {
    return "octets";
  }

  @Override
  public TokenSource getTokenSource() {
    return this;
  }

  /** The octets {@code [start, stop]} (inclusive, relative offsets) decoded as UTF-8. */
  public String text(int start, int stop) {
    int a = Math.max(0, start);
    int b = Math.min(length() - 1, stop);
    if (b < a) {
      return "";
    }
    return new String(input, from + a, b - a + 1, StandardCharsets.UTF_8);
  }

  @Override
  public String getText(Interval interval) {
    return text(interval.a, interval.b);
  }

  @Override
  public String getText() {
    return text(0, length() - 1);
  }

  @Override
  public String getText(RuleContext ctx) {
    return ctx.getText();
  }

  @Override
  public String getText(Token start, Token stop) {
    if (start == null || stop == null) {
      return "";
    }
    return text(start.getTokenIndex(), stop.getTokenIndex());
  }

  // TokenSource: the stream is its own source (the parser asks the source only for names).

  @Override
  public Token nextToken() {
    Token t = LT(1);
    if (t.getType() != Token.EOF) {
      consume();
    }
    return t;
  }

  @Override
  public int getLine() {
    return 0;
  }

  @Override
  public int getCharPositionInLine() {
    return position;
  }

  @Override
  public CharStream getInputStream() {
    return null;
  }

  @Override
  public void setTokenFactory(org.antlr.v4.runtime.TokenFactory<?> factory) {
    throw new UnsupportedOperationException("tokens are octets");
  }

  @Override
  public org.antlr.v4.runtime.TokenFactory<?> getTokenFactory() {
    return org.antlr.v4.runtime.CommonTokenFactory.DEFAULT;
  }

  /** One octet as a token; its index is its offset, its text the octet as a Latin-1 char. */
  private record OctetToken(int type, int index, ByteTokenStream stream) implements Token {
    @Override
    public String getText() {
      return type == EOF ? "<EOF>" : String.valueOf((char) (type - 1));
    }

    @Override
    public int getType() {
      return type;
    }

    @Override
    public int getLine() {
      return 0;
    }

    @Override
    public int getCharPositionInLine() {
      return index;
    }

    @Override
    public int getChannel() {
      return DEFAULT_CHANNEL;
    }

    @Override
    public int getTokenIndex() {
      return index;
    }

    @Override
    public int getStartIndex() {
      return index;
    }

    @Override
    public int getStopIndex() {
      return type == EOF ? index - 1 : index;
    }

    @Override
    public TokenSource getTokenSource() {
      return stream;
    }

    @Override
    public CharStream getInputStream() {
      return null;
    }
  }
}
