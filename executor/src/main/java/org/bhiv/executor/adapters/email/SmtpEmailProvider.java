package org.bhiv.executor.adapters.email;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.bhiv.executor.adapters.provider.Effects;
import org.bhiv.executor.adapters.provider.Provider;
import org.bhiv.executor.adapters.provider.ProviderContext;
import org.bhiv.executor.adapters.provider.ProviderException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Sends the email as plain UTF-8 text over SMTP (Angus Mail), with the adapter's deterministic
 * id as its {@code Message-ID} ({@code <email_...@from-domain>}), so a receiver can tell a
 * resend of one decision. What the server said becomes {@link ProviderException#smtp} (a refused
 * recipient 550, a refused message 554, failed authentication 535); a connection failure or a
 * timeout stays an {@link IOException}.
 */
final class SmtpEmailProvider implements Provider<EmailMessage, String> {

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029]+");

    private final SmtpConfig config;
    private final Session session;

    SmtpEmailProvider(ProviderContext context) {
        this(SmtpConfig.create(context.config()));
    }

    SmtpEmailProvider(SmtpConfig config) {
        this.config = config;
        this.session = Session.getInstance(config.sessionProperties());
    }

    @Override
    public String call(EmailMessage request, Effects effects) throws Exception {
        MimeMessage mail = new IdentifiedMessage(session, messageIdHeader(request.messageId()));
        mail.setFrom(config.from());
        try {
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress(request.recipient(), true));
        } catch (AddressException e) {
            // the adapter's check is looser than RFC 5322: refuse as a server would (553, mailbox name not allowed)
            throw ProviderException.smtp(553);
        }
        // a line break in the subject would start a header of the caller's choosing
        mail.setSubject(LINE_BREAKS.matcher(request.subject()).replaceAll(" "), StandardCharsets.UTF_8.name());
        mail.setText(request.body(), StandardCharsets.UTF_8.name());
        mail.setSentDate(new Date());
        mail.saveChanges();
        try (Transport transport = session.getTransport()) {
            transport.connect(config.host(), config.port(), config.username().isEmpty() ? null : config.username(),
                    config.username().isEmpty() ? null : config.password().reveal());
            transport.sendMessage(mail, mail.getAllRecipients());
        } catch (MessagingException e) {
            throw translate(e);
        }
        return request.messageId();
    }

    private String messageIdHeader(String messageId) {
        String address = config.from().getAddress();
        return "<" + messageId + "@" + address.substring(address.lastIndexOf('@') + 1) + ">";
    }

    /** The server's reply code when it gave one, else a transport failure. */
    static Exception translate(MessagingException failure) {
        if (failure instanceof AuthenticationFailedException) {
            return ProviderException.smtp(535);
        }
        Optional<Integer> reply = replyCode(failure);
        if (reply.isPresent()) {
            return ProviderException.smtp(reply.get());
        }
        return new IOException("SMTP exchange failed (" + failure.getClass().getSimpleName() + ")", failure);
    }

    private static Optional<Integer> replyCode(Exception failure) {
        for (Exception e = failure; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            int code = switch (e) {
                case SMTPAddressFailedException a -> a.getReturnCode();
                case SMTPSenderFailedException s -> s.getReturnCode();
                case SMTPSendFailedException s -> s.getReturnCode();
                default -> 0;
            };
            if (code >= 400 && code < 600) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }

    /** A message whose {@code Message-ID} is ours, not a random one. */
    private static final class IdentifiedMessage extends MimeMessage {
        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
