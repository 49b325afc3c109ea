/**
 * Bearer-token identities (section 2 of the contracts): a token table from config, a filter
 * that proves who is calling, and the {@link org.bhiv.server.auth.Caller} that handlers ask
 * for permission. Policy is decided on the proven identity, never on one a body claims.
 */
package org.bhiv.server.auth;
