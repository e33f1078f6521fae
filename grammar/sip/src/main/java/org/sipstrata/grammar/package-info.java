/**
 * The grammar of RFC 3261 §25: the extracted ABNF, its overlay of errata, and the parser generated
 * from them.
 */
package org.sipstrata.grammar;
