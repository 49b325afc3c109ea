/**
 * The {@code email} adapter: validates recipient, subject and body, sends through a
 * {@link org.bhiv.executor.adapters.provider.Provider} chosen by {@code executor.adapters.email.provider}:
 * {@code sandbox} (default) or {@code smtp} (an SMTP server through Angus Mail).
 */
package org.bhiv.executor.adapters.email;
