package org.bhiv.executor.adapters;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutionIdsTest {

    @Test
    void idIsPrefixPlusFirst16HexOfSha256OverKeyLineBreakActionType() {
        // printf 't-auth\ntask' | sha256sum -> fdcb03b6baf29683...
        assertThat(ExecutionIds.derive("task_", "t-auth", "task")).isEqualTo("task_fdcb03b6baf29683");
    }

    @Test
    void sameKeyAndActionTypeGiveTheSameId() {
        assertThat(ExecutionIds.derive("wa_", "k1", "whatsapp")).isEqualTo(ExecutionIds.derive("wa_", "k1", "whatsapp"));
    }

    @Test
    void differentKeyOrActionTypeGiveDifferentIds() {
        String id = ExecutionIds.derive("x_", "k1", "email");
        assertThat(ExecutionIds.derive("x_", "k2", "email")).isNotEqualTo(id);
        assertThat(ExecutionIds.derive("x_", "k1", "task")).isNotEqualTo(id);
    }

    @Test
    void idsAreLowercaseHexOfLength16AfterThePrefix() {
        assertThat(ExecutionIds.derive("email_", "any key", "email")).matches("email_[0-9a-f]{16}");
    }
}
