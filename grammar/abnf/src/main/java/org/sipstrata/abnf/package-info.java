/**
 * ABNF (RFC 5234 with RFC 7405's case-sensitive strings): reader, rule set, and the ANTLR 4
 * emitter that turns an RFC's grammar into a parser.
 */
package org.sipstrata.abnf;
