package org.bhiv.executor;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import org.bhiv.executor.TestExecutor.Answer;
import org.bhiv.executor.adapters.provider.ScriptedHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bhiv.executor.IdempotencyHttpTest.executions;
import static org.bhiv.executor.IdempotencyHttpTest.workflows;

/**
 * Real providers chosen by config, end to end through {@code POST /api/workflow/execute} of a
 * real executor ({@code Main.start}): a mail really delivered to an SMTP server (GreenMail), a
 * WhatsApp message to a scripted Cloud API, the idempotency layer with real provider failures
 * (retryable ones execute again, refusals are replayed), and start-up refusing a chosen provider
 * without its settings.
 */
class RealProvidersHttpTest {

    private static final String PASSWORD = "e2e-smtp-password";
    private static final String TOKEN = "EAAG-e2e-whatsapp-token";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer@bhiv.test", "mailer", PASSWORD));

    @Test
    void emailWorkflowWithTheSmtpProviderDeliversARealMailAndAnswersTheNormalSuccessEnvelope() throws Exception {
        try (var executor = TestExecutor.start(smtp(MAIL.getSmtp().getPort(), PASSWORD))) {
            Answer answer = executor.execute(email("smtp-ok"));

            assertThat(answer.status()).isEqualTo(200);
            JsonNode body = answer.json();
            assertThat(body.path("status").asText()).isEqualTo("success");
            JsonNode result = body.path("execution_result");
            assertThat(result.path("success").asBoolean()).isTrue();
            assertThat(result.path("provider").asText()).isEqualTo("smtp");
            assertThat(result.path("message_id").asText()).matches("email_[0-9a-f]{16}");
            assertThat(result.path("recipient").asText()).isEqualTo("customer@example.org");
            assertThat(result.path("status").asText()).isEqualTo("SENT");
            var mails = MAIL.getReceivedMessages();
            assertThat(mails).hasSize(1);
            assertThat(mails[0].getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                    .containsExactly("customer@example.org");
            assertThat(mails[0].getSubject()).isEqualTo("Invoice 42");
            assertThat(GreenMailUtil.getBody(mails[0]).strip()).isEqualTo("Your invoice is attached.");
            assertThat(mails[0].getMessageID()).isEqualTo("<" + result.path("message_id").asText() + "@bhiv.test>");
            assertThat(executor.get("/api/sandbox/smtp-ok").status()).isEqualTo(404);
            assertThat(answer.text()).doesNotContain(PASSWORD);
            assertThat(executor.get("/api/workflow/executions/smtp-ok").text()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aRetryableProviderFailureIsNotStoredSoTheSameRequestExecutesAgain() throws Exception {
        int closed = URI.create(ScriptedHttpServer.closedPortUrl()).getPort();
        try (var executor = TestExecutor.start(smtp(closed, PASSWORD))) {
            long failedBefore = workflows(executor).path("failed").asLong();

            Answer first = executor.execute(email("smtp-down"));
            Answer second = executor.execute(email("smtp-down"));

            for (Answer answer : new Answer[] {first, second}) {
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.headers().firstValue("Idempotent-Replayed")).isEmpty();
                assertThat(answer.json().path("status").asText()).isEqualTo("failed");
                JsonNode result = answer.json().path("execution_result");
                assertThat(result.path("error_code").asText()).isEqualTo("provider_unavailable");
                assertThat(result.path("retryable").asBoolean()).isTrue();
                assertThat(result.path("provider").asText()).isEqualTo("smtp");
            }
            assertThat(workflows(executor).path("failed").asLong()).isEqualTo(failedBefore + 2);
            assertThat(executions(executor, "smtp-down")).hasSize(2);
        }
    }

    @Test
    void aProviderRefusalIsStoredSoTheSameRequestIsReplayedWithoutSendingAgain() {
        try (var executor = TestExecutor.start(smtp(MAIL.getSmtp().getPort(), "not-the-password"))) {
            Answer first = executor.execute(email("smtp-refused"));
            Answer second = executor.execute(email("smtp-refused"));

            assertThat(first.status()).isEqualTo(200);
            JsonNode result = first.json().path("execution_result");
            assertThat(first.json().path("status").asText()).isEqualTo("failed");
            assertThat(result.path("error_code").asText()).isEqualTo("provider_rejected");
            assertThat(result.path("retryable").asBoolean()).isFalse();
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(second.text()).isEqualTo(first.text());
            assertThat(executions(executor, "smtp-refused")).hasSize(1);
            assertThat(MAIL.getReceivedMessages()).isEmpty();
        }
    }

    @Test
    void whatsAppWorkflowWithTheCloudApiProviderAnswersBothMessageIdsAndNeverTheToken() throws Exception {
        var logged = new CopyOnWriteArrayList<String>();
        var handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try (var cloudApi = ScriptedHttpServer.start();
             var executor = TestExecutor.start(Map.of(
                     "executor.adapters.whatsapp.provider", "cloud-api",
                     "executor.adapters.whatsapp.cloud-api.base-url", cloudApi.url() + "/v21.0",
                     "executor.adapters.whatsapp.cloud-api.phone-number-id", "1065403522",
                     "executor.adapters.whatsapp.cloud-api.token", TOKEN))) {
            cloudApi.answer(200, "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.E2E\"}]}");

            Answer answer = executor.execute("""
                    {"trace_id":"wa-real","decision":"workflow","data":{"workflow_type":"workflow","payload":
                     {"action_type":"whatsapp","recipient":"+919876543210","message":"Your order shipped"}}}""");

            assertThat(answer.status()).isEqualTo(200);
            JsonNode result = answer.json().path("execution_result");
            assertThat(answer.json().path("status").asText()).isEqualTo("success");
            assertThat(result.path("provider").asText()).isEqualTo("cloud-api");
            assertThat(result.path("whatsapp_message_id").asText()).matches("wa_[0-9a-f]{16}");
            assertThat(result.path("provider_message_id").asText()).isEqualTo("wamid.E2E");
            assertThat(cloudApi.received()).singleElement()
                    .satisfies(r -> assertThat(r.path()).isEqualTo("/v21.0/1065403522/messages"));
            assertThat(answer.text()).doesNotContain(TOKEN);
            assertThat(executor.get("/api/workflow/executions/wa-real").text()).doesNotContain(TOKEN);
            cloudApi.answer(500, "{\"error\":{\"code\":1}}");
            Answer failed = executor.execute("""
                    {"trace_id":"wa-real-500","decision":"workflow","data":{"workflow_type":"workflow","payload":
                     {"action_type":"whatsapp","recipient":"+919876543210","message":"Again"}}}""");
            assertThat(failed.json().path("execution_result").path("error_code").asText()).isEqualTo("provider_unavailable");
            assertThat(failed.text()).doesNotContain(TOKEN);
        } finally {
            root.removeHandler(handler);
        }
        assertThat(logged).isNotEmpty().noneMatch(line -> line.contains(TOKEN));
    }

    @Test
    void startUpFailsNamingTheKeyWhenTheChosenProviderLacksASetting() {
        var config = smtp(25, PASSWORD);
        config.put("executor.adapters.email.smtp.host", "");
        assertThatThrownBy(() -> TestExecutor.start(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("executor.adapters.email.smtp.host is required when executor.adapters.email.provider is smtp")
                .hasMessageContaining("EXECUTOR_ADAPTERS_EMAIL_SMTP_HOST");
    }

    private static Map<String, String> smtp(int port, String password) {
        var config = new HashMap<String, String>();
        config.put("executor.adapters.email.provider", "smtp");
        config.put("executor.adapters.email.timeout", "PT3S");
        config.put("executor.adapters.email.smtp.host", "127.0.0.1");
        config.put("executor.adapters.email.smtp.port", Integer.toString(port));
        config.put("executor.adapters.email.smtp.security", "none");
        config.put("executor.adapters.email.smtp.username", "mailer");
        config.put("executor.adapters.email.smtp.password", password);
        config.put("executor.adapters.email.smtp.allow-plaintext-auth", "true");
        config.put("executor.adapters.email.smtp.from", "BHIV <noreply@bhiv.test>");
        return config;
    }

    private static String email(String traceId) {
        return """
                {"trace_id":"%s","decision":"workflow","data":{"workflow_type":"workflow","payload":
                 {"action_type":"email","recipient":"customer@example.org","subject":"Invoice 42","body":"Your invoice is attached."}}}"""
                .formatted(traceId);
    }
}
