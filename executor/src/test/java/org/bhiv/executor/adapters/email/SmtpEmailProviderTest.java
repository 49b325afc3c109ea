package org.bhiv.executor.adapters.email;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.bhiv.executor.adapters.ExecutionIds;
import org.bhiv.executor.adapters.provider.Effects;
import org.bhiv.executor.adapters.provider.RealProviderFixture;
import org.bhiv.executor.adapters.provider.ScriptedHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code smtp} provider against a real SMTP server (GreenMail) and, for the replies GreenMail
 * never gives, a scripted one: delivery with authentication, refused recipients and messages,
 * failed authentication, a closed port, a server that never answers, and start-up checks.
 */
class SmtpEmailProviderTest {

    private static final String PASSWORD = "smtp-s3cret-pass";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort(), new ServerSetup(0, "127.0.0.1", "smtps").dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer@bhiv.test", "mailer", PASSWORD));

    @Test
    void deliversThePlainTextMailWithAuthenticationAndTheDeterministicMessageId() throws Exception {
        JsonNode result = send(config(MAIL.getSmtp().getPort()));

        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.path("provider").asText()).isEqualTo("smtp");
        String messageId = ExecutionIds.derive("email_", "key-1", "email");
        assertThat(result.path("message_id").asText()).isEqualTo(messageId);
        assertThat(result.path("status").asText()).isEqualTo("SENT");
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("customer@example.org");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("BHIV <noreply@bhiv.test>");
        assertThat(mail.getSubject()).isEqualTo("Your order — shipped");
        assertThat(GreenMailUtil.getBody(mail).strip()).isEqualTo("It left the warehouse today.");
        assertThat(mail.getContentType()).contains("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(mail.getMessageID()).isEqualTo("<" + messageId + "@bhiv.test>");
        assertThat(result.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void implicitTlsChecksTheCertificateSoAnUntrustedServerGetsNothing() {
        var config = config(MAIL.getSmtps().getPort());
        config.put("email.smtp.security", "tls");
        assertFailure(send(config), "provider_unavailable", true);
        assertThat(MAIL.getReceivedMessages()).isEmpty();
        var provider = new SmtpEmailProvider(SmtpConfig.create(RealProviderFixture.context("email", config).config()));
        assertThatThrownBy(() -> provider.call(new EmailMessage("t", "email_0", "customer@example.org", "s", "b"), new Effects()))
                .isInstanceOf(java.io.IOException.class)
                .satisfies(e -> assertThat(causes(e)).anyMatch(javax.net.ssl.SSLHandshakeException.class::isInstance));
    }

    @Test
    void requiredStartTlsNeverFallsBackToPlainText() {
        var config = config(MAIL.getSmtp().getPort());
        config.put("email.smtp.security", "starttls");
        assertFailure(send(config), "provider_unavailable", true);
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aLineBreakInTheSubjectCannotAddAHeader() throws Exception {
        var engine = RealProviderFixture.engine("email", config(MAIL.getSmtp().getPort()), EmailAdapter::create);
        String injecting = "Hello\r\nBcc: victim@example.org\nX-Injected: yes";
        var payload = RealProviderFixture.payload("email", Map.of("recipient", "customer@example.org",
                "subject", injecting, "body", "b"));

        // The adapter refuses it ...
        JsonNode refused = engine.run("trace-1", "key-1", payload, new Effects()).result();
        assertThat(refused.path("error_code").asText()).isEqualTo("invalid_subject");
        assertThat(refused.path("retryable").asBoolean()).isFalse();
        assertThat(MAIL.getReceivedMessages()).isEmpty();

        // ... and the provider, called directly, still folds line breaks (defence in depth).
        var provider = new SmtpEmailProvider(SmtpConfig.create(
                RealProviderFixture.context("email", config(MAIL.getSmtp().getPort())).config()));
        provider.call(new EmailMessage("trace-2", "email_0123456789abcdef", "customer@example.org", injecting, "b"), new Effects());
        MimeMessage mail = MAIL.getReceivedMessages()[0];
        assertThat(mail.getHeader("X-Injected")).isNull();
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(mail.getSubject()).isEqualTo("Hello Bcc: victim@example.org X-Injected: yes");
    }

    @Test
    void anAddressNoMailServerWouldTakeIsRejectedBeforeConnecting() {
        var engine = RealProviderFixture.engine("email", config(MAIL.getSmtp().getPort()), EmailAdapter::create);
        var payload = RealProviderFixture.payload("email", Map.of("recipient", "a,b@example.org", "subject", "s", "body", "b"));
        JsonNode result = engine.run("trace-1", "key-1", payload, new Effects()).result();
        assertFailure(result, "provider_rejected", false);
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aWrongPasswordIsRejectedAndNotRetryable() {
        var config = config(MAIL.getSmtp().getPort());
        config.put("email.smtp.password", "wrong-password");
        JsonNode result = send(config);
        assertFailure(result, "provider_rejected", false);
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRefusedRecipientIsRejectedAndNotRetryable() throws Exception {
        try (var server = new ScriptedSmtpServer("550 5.1.1 No such user", "250 OK")) {
            JsonNode result = send(unauthenticated(server.port()));
            assertFailure(result, "provider_rejected", false);
            assertThat(result.path("message").asText()).contains("550").doesNotContain("No such user");
        }
    }

    @Test
    void aRefusedMessageIsRejectedAndNotRetryable() throws Exception {
        try (var server = new ScriptedSmtpServer("250 OK", "554 5.7.1 Message rejected as spam")) {
            assertFailure(send(unauthenticated(server.port())), "provider_rejected", false);
        }
    }

    @Test
    void aTemporaryRefusalIsUnavailableAndRetryable() throws Exception {
        try (var server = new ScriptedSmtpServer("451 4.3.0 Try again later", "250 OK")) {
            assertFailure(send(unauthenticated(server.port())), "provider_unavailable", true);
        }
    }

    @Test
    void aClosedPortIsUnavailableAndRetryable() throws Exception {
        int port = java.net.URI.create(ScriptedHttpServer.closedPortUrl()).getPort();
        assertFailure(send(config(port)), "provider_unavailable", true);
    }

    @Test
    void aServerThatNeverAnswersIsUnavailableAfterTheReadTimeout() throws Exception {
        try (var silent = new ScriptedHttpServer.Silent()) {
            var config = unauthenticated(silent.port());
            config.put("email.smtp.read-timeout", "PT1S");
            long started = System.nanoTime();
            JsonNode result = send(config);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertFailure(result, "provider_unavailable", true);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void startUpFailsNamingTheMissingKeyAndItsEnvironmentVariable() {
        for (String key : new String[] {"host", "from", "password"}) {
            var config = config(25);
            config.remove("email.smtp." + key);
            assertThatThrownBy(() -> EmailAdapter.create(RealProviderFixture.context("email", config)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("executor.adapters.email.smtp." + key + " is required")
                    .hasMessageContaining("EXECUTOR_ADAPTERS_EMAIL_SMTP_" + key.toUpperCase(java.util.Locale.ROOT));
        }
        var badSecurity = config(25);
        badSecurity.put("email.smtp.security", "ssl");
        assertThatThrownBy(() -> EmailAdapter.create(RealProviderFixture.context("email", badSecurity)))
                .hasMessageContaining("executor.adapters.email.smtp.security must be one of none, starttls, tls");
    }

    @Test
    void securityModesMapToRequiredStartTlsOrImplicitTlsWithTheirDefaultPorts() {
        var starttls = config(0);
        starttls.remove("email.smtp.security");
        starttls.remove("email.smtp.port");
        var props = SmtpConfig.create(RealProviderFixture.context("email", starttls).config()).sessionProperties();
        assertThat(props).containsEntry("mail.smtp.port", "587").containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.enable", "false").containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.connectiontimeout", "2000").containsEntry("mail.smtp.timeout", "5000");
        var tls = config(0);
        tls.put("email.smtp.security", "tls");
        tls.remove("email.smtp.port");
        props = SmtpConfig.create(RealProviderFixture.context("email", tls).config()).sessionProperties();
        assertThat(props).containsEntry("mail.smtp.port", "465").containsEntry("mail.smtp.ssl.enable", "true")
                .containsEntry("mail.smtp.starttls.enable", "false").containsEntry("mail.smtp.ssl.checkserveridentity", "true");
        assertThat(props.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void theConfigNeverShowsThePassword() {
        var settings = SmtpConfig.create(RealProviderFixture.context("email", config(25)).config());
        assertThat(settings.toString()).doesNotContain(PASSWORD).contains("[redacted]");
    }

    private static java.util.List<Throwable> causes(Throwable e) {
        var all = new java.util.ArrayList<Throwable>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }

    private static void assertFailure(JsonNode result, String errorCode, boolean retryable) {
        assertThat(result.path("success").asBoolean()).isFalse();
        assertThat(result.path("error_code").asText()).isEqualTo(errorCode);
        assertThat(result.path("retryable").asBoolean()).isEqualTo(retryable);
        assertThat(result.path("provider").asText()).isEqualTo("smtp");
        assertThat(result.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void aPasswordIsNeverSentInClearTextUnlessThatIsChosenExplicitly() {
        var config = config(MAIL.getSmtp().getPort());
        config.remove("email.smtp.allow-plaintext-auth");
        assertThatThrownBy(() -> EmailAdapter.create(RealProviderFixture.context("email", config)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("executor.adapters.email.smtp.username needs security starttls or tls")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void reachesOutsideSoItsIdempotencyKeyIsClaimedDurably() {
        assertThat(EmailAdapter.create(RealProviderFixture.context("email", config(MAIL.getSmtp().getPort()))).reachesOutside())
                .isTrue();
    }

    private static Map<String, String> config(int port) {
        var config = new HashMap<String, String>();
        config.put("email.provider", "smtp");
        config.put("email.timeout", "PT5S");
        config.put("email.smtp.host", "127.0.0.1");
        config.put("email.smtp.port", Integer.toString(port));
        config.put("email.smtp.security", "none");
        config.put("email.smtp.username", "mailer");
        config.put("email.smtp.password", PASSWORD);
        config.put("email.smtp.allow-plaintext-auth", "true"); // GreenMail on loopback speaks plain SMTP
        config.put("email.smtp.from", "BHIV <noreply@bhiv.test>");
        return config;
    }

    private static Map<String, String> unauthenticated(int port) {
        var config = config(port);
        config.remove("email.smtp.username");
        config.remove("email.smtp.password");
        return config;
    }

    private static JsonNode send(Map<String, String> config) {
        var engine = RealProviderFixture.engine("email", config, EmailAdapter::create);
        var payload = RealProviderFixture.payload("email", Map.of("recipient", "customer@example.org",
                "subject", "Your order — shipped", "body", "It left the warehouse today."));
        return engine.run("trace-1", "key-1", payload, new Effects()).result();
    }
}
