package org.bhiv.cli;

import java.util.Map;

/**
 * Where the stack's services are and the tokens to read them with, from the environment the
 * launcher sets ({@code EXECUTOR_URL}, {@code BUCKET_URL}, {@code KARMA_URL}, {@code CORE_URL},
 * {@code OPERATOR_TOKEN}, {@code BHIV_CORE_TOKEN}); the default ports otherwise.
 *
 * @param executor      the executor's base URL
 * @param bucket        Bucket's base URL
 * @param karma         Karma's base URL
 * @param core          Core's base URL
 * @param operatorToken token of the {@code operator} identity (reads); null = none
 * @param coreToken     token of the {@code bhiv_core} identity (sends as Core would); null = none
 */
record StackEndpoints(String executor, String bucket, String karma, String core, String operatorToken, String coreToken) {

    static StackEndpoints from(Map<String, String> env) {
        return new StackEndpoints(
                env.getOrDefault("EXECUTOR_URL", "http://localhost:8003"),
                env.getOrDefault("BUCKET_URL", "http://localhost:8001"),
                env.getOrDefault("KARMA_URL", "http://localhost:8000"),
                env.getOrDefault("CORE_URL", "http://localhost:8002"),
                blankToNull(env.get("OPERATOR_TOKEN")),
                blankToNull(env.get("BHIV_CORE_TOKEN")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
