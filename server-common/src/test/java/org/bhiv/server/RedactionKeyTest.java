package org.bhiv.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedactionKeyTest {

    @TempDir
    Path dir;

    @Test
    void aKeyGeneratedAtFirstStartIsKeptInTheDataDirAndReusedAfterARestart() throws Exception {
        RedactionKey first = RedactionKey.resolve(Configs.create(Map.of()).get("r"), dir);
        RedactionKey again = RedactionKey.resolve(Configs.create(Map.of()).get("r"), dir);

        Path file = dir.resolve("redaction.key");
        assertThat(file).exists();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(again.hmacHex("yes")).as("stable within one deployment").isEqualTo(first.hmacHex("yes"));
        assertThat(first.hmacHex("yes")).isNotEqualTo(Hashing.sha256Hex("yes"))
                .isNotEqualTo(RedactionKey.resolve(Configs.create(Map.of()).get("r"), dir.resolve("other")).hmacHex("yes"));
        assertThat(first.toString()).doesNotContain(Files.readString(file).strip());
    }

    @Test
    void aConfiguredKeyWinsAndATooShortOneStopsTheStart() {
        RedactionKey configured = RedactionKey.resolve(Configs.create(Map.of("r.key", "0123456789abcdef-secret")).get("r"), dir);

        // HMAC-SHA-256("0123456789abcdef-secret", "yes"), computed independently (openssl dgst -sha256 -hmac)
        assertThat(configured.hmacHex("yes")).isEqualTo("25c07984dd3739c64d5bfc65fdfa2aeb1b4722be562b843c592f9c1d6d1d0fe8");
        assertThat(dir.resolve("redaction.key")).doesNotExist();
        assertThatThrownBy(() -> RedactionKey.resolve(Configs.create(Map.of("r.key", "short")).get("r"), dir))
                .hasMessageContaining("r.key").hasMessageNotContaining("short");
    }
}
