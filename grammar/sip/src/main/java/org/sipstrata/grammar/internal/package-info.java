/**
 * How the generated parser is driven (not exported): the octet token stream, the two-stage SLL/LL
 * run, and the translation of ANTLR's rule contexts and token sets back to the ABNF of RFC 3261
 * §25 (via the generated {@code SipParser.rules.tsv}).
 */
package org.sipstrata.grammar.internal;
