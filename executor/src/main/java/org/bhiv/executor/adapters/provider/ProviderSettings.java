package org.bhiv.executor.adapters.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.helidon.config.Config;
import org.bhiv.executor.adapters.AdapterConfig;

/**
 * Reads a real provider's settings from {@code executor.adapters.<adapter>.<provider>.*} and
 * refuses bad ones at start-up with a message naming the full key and its environment variable
 * (Helidon's mapping: {@code .} to {@code _}, {@code -} to {@code _dash_}). Never puts a value
 * in a message.
 */
public final class ProviderSettings {

    private final AdapterConfig adapter;
    private final String prefix;
    private final Config node;

    private ProviderSettings(AdapterConfig adapter, String provider) {
        this.adapter = adapter;
        this.prefix = "executor.adapters." + adapter.name() + "." + provider + ".";
        this.node = adapter.node().get(provider);
    }

    /**
     * @param adapter  the adapter's config
     * @param provider the provider's config name, e.g. {@code cloud-api}
     * @return its settings
     */
    public static ProviderSettings of(AdapterConfig adapter, String provider) {
        return new ProviderSettings(adapter, provider);
    }

    /**
     * @param key a config key
     * @return the environment variable Helidon maps to it
     */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "_dash_");
    }

    /**
     * @param name the setting's name, e.g. {@code token}
     * @return its full key, e.g. {@code executor.adapters.whatsapp.cloud-api.token}
     */
    public String key(String name) {
        return prefix + name;
    }

    /**
     * @param name the setting
     * @return its stripped value, or empty when missing or blank
     */
    public Optional<String> optional(String name) {
        return node.get(name).asString().map(String::strip).filter(s -> !s.isEmpty());
    }

    /**
     * @param name the setting
     * @return its stripped value
     * @throws IllegalArgumentException when missing or blank
     */
    public String required(String name) {
        return optional(name).orElseThrow(() -> missing(name));
    }

    /**
     * @param name the setting
     * @return the secret, without surrounding white space (a secret mounted from a file often
     *         ends in a line break)
     * @throws IllegalArgumentException when missing or blank, or when it holds control characters
     */
    public Secret requiredSecret(String name) {
        return secret(name, node.get(name).asString().map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> missing(name)));
    }

    /**
     * @param name the setting
     * @return the secret, empty when not given
     * @throws IllegalArgumentException when it holds control characters
     */
    public Secret optionalSecret(String name) {
        return secret(name, node.get(name).asString().map(String::strip).orElse(""));
    }

    /** A control character would end up in a header, where the JDK's refusal would quote the secret. */
    private Secret secret(String name, String value) {
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(name, "must not contain control characters (the value is not shown)");
        }
        return Secret.of(value);
    }

    /**
     * @param name the setting
     * @return an absolute {@code http}/{@code https} URL without a trailing slash
     * @throws IllegalArgumentException when missing or not such a URL
     */
    public URI baseUrl(String name) {
        String text = required(name);
        try {
            URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return uri;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw invalid(name, "must be an absolute http or https URL without query");
    }

    /**
     * @param name     the setting
     * @param fallback used when not given
     * @return a timeout more than 0 and at most the adapter's timeout
     */
    public Duration timeout(String name, Duration fallback) {
        Duration value = node.get(name).as(Duration.class).orElse(fallback);
        if (value.isNegative() || value.isZero() || value.compareTo(adapter.timeout()) > 0) {
            throw invalid(name, "must be more than 0 and at most executor.adapters." + adapter.name()
                    + ".timeout (" + adapter.timeout() + "), was " + value);
        }
        return value;
    }

    /**
     * @return {@code connect-timeout}: 2 s, or the adapter's timeout when that is shorter
     */
    public Duration connectTimeout() {
        Duration twoSeconds = Duration.ofSeconds(2);
        return timeout("connect-timeout", twoSeconds.compareTo(adapter.timeout()) <= 0 ? twoSeconds : adapter.timeout());
    }

    /**
     * @return {@code read-timeout}: the adapter's timeout unless set
     */
    public Duration readTimeout() {
        return timeout("read-timeout", adapter.timeout());
    }

    /**
     * @param name     the setting
     * @param fallback used when not given
     * @param min      smallest allowed
     * @param max      largest allowed
     * @return the number
     */
    public int integer(String name, int fallback, int min, int max) {
        int value = node.get(name).asInt().orElse(fallback);
        if (value < min || value > max) {
            throw invalid(name, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /**
     * @param name     the setting
     * @param fallback used when not given
     * @param allowed  the allowed values (lower case)
     * @return the value, lower case
     */
    public String oneOf(String name, String fallback, Set<String> allowed) {
        String value = optional(name).orElse(fallback).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw invalid(name, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed))
                    + ", was '" + value + "'");
        }
        return value;
    }

    /**
     * @param name   the setting
     * @param reason what is wrong, without the value when it may be secret
     * @return the exception to throw
     */
    public IllegalArgumentException invalid(String name, String reason) {
        return new IllegalArgumentException(key(name) + " " + reason + " (environment variable "
                + envName(key(name)) + ")");
    }

    private IllegalArgumentException missing(String name) {
        return new IllegalArgumentException(key(name) + " is required when executor.adapters." + adapter.name()
                + ".provider is " + adapter.provider() + "; set it in application.yaml or by the environment variable "
                + envName(key(name)));
    }
}
