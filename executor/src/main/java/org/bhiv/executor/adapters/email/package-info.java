/**
 * The {@code email} adapter: validates recipient, subject and body, sends through a
 * {@link org.bhiv.executor.adapters.Provider} chosen by {@code executor.adapters.email.provider}.
 */
package org.bhiv.executor.adapters.email;
