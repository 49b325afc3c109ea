/**
 * The {@code whatsapp} adapter: validates recipient and message, sends through a
 * {@link org.bhiv.executor.adapters.provider.Provider} chosen by {@code executor.adapters.whatsapp.provider}:
 * {@code sandbox} (default) or {@code cloud-api} (the WhatsApp Cloud API).
 */
package org.bhiv.executor.adapters.whatsapp;
