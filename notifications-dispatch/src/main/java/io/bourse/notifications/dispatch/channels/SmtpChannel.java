package io.bourse.notifications.dispatch.channels;

import io.bourse.notifications.dispatch.DispatcherConfig;
import io.bourse.notifications.dispatch.core.Attempt;
import io.bourse.notifications.dispatch.core.Channel;
import io.bourse.notifications.dispatch.core.ChannelAdapter;
import io.bourse.notifications.dispatch.core.Message;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * E-mail over SMTP (any server: a relay, SendGrid's or Amazon SES's SMTP endpoints, a local catcher),
 * with a plain-text and an HTML part. The notification id becomes the {@code Message-ID}
 * ({@code <id@domain>}): SMTP has no idempotency key, but mail stores and clients that collapse
 * duplicates by Message-ID show a redelivered e-mail once.
 */
public final class SmtpChannel implements ChannelAdapter {

    private final DispatcherConfig.Smtp config;
    private final Session session;
    private final InternetAddress from;

    public SmtpChannel(final DispatcherConfig.Smtp config) {
        this.config = config;
        final Properties props = new Properties();
        props.put("mail.smtp.host", config.host());
        props.put("mail.smtp.port", Integer.toString(config.port()));
        props.put("mail.smtp.connectiontimeout", Long.toString(config.timeout().toMillis()));
        props.put("mail.smtp.timeout", Long.toString(config.timeout().toMillis()));
        props.put("mail.smtp.writetimeout", Long.toString(config.timeout().toMillis()));
        props.put("mail.smtp.starttls.enable", Boolean.toString(config.startTls()));
        props.put("mail.smtp.starttls.required", Boolean.toString(config.startTls()));
        final boolean auth = config.username() != null && !config.username().isBlank();
        props.put("mail.smtp.auth", Boolean.toString(auth));
        this.session = auth ? Session.getInstance(props, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(config.username(), config.password());
            }
        }) : Session.getInstance(props);
        try {
            this.from = new InternetAddress(config.from(), true);
        } catch (final AddressException e) {
            throw new IllegalArgumentException("Invalid sender address for e-mail: " + config.from(), e);
        }
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Attempt send(final Message message) {
        final String messageId = "<" + message.id() + "@" + config.messageIdDomain() + ">";
        final MimeMessage mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        try {
            final InternetAddress to;
            try {
                to = new InternetAddress(message.recipient(), true);
            } catch (final AddressException e) {
                return new Attempt.Permanent("INVALID_ADDRESS", e.getMessage());
            }
            mail.setFrom(from);
            mail.setRecipient(jakarta.mail.Message.RecipientType.TO, to);
            mail.setSubject(message.subject() == null ? "Bourse" : message.subject(), StandardCharsets.UTF_8.name());
            mail.setHeader("X-Bourse-Notification-Id", message.id());
            if (message.html() == null) {
                mail.setText(message.text(), StandardCharsets.UTF_8.name());
            } else {
                final MimeMultipart alternative = new MimeMultipart("alternative");
                final MimeBodyPart text = new MimeBodyPart();
                text.setText(message.text(), StandardCharsets.UTF_8.name());
                final MimeBodyPart html = new MimeBodyPart();
                html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
                alternative.addBodyPart(text);
                alternative.addBodyPart(html);
                mail.setContent(alternative);
            }
            Transport.send(mail);
            return new Attempt.Accepted(messageId);
        } catch (final MessagingException e) {
            return classify(e);
        }
    }

    /** SMTP 4xx replies are transient, 5xx permanent; no reply at all (connection, timeout) is transient. */
    static Attempt classify(final MessagingException e) {
        for (Throwable t = e; t != null; t = next(t)) {
            final int code = t instanceof SMTPSendFailedException s ? s.getReturnCode()
                    : t instanceof SMTPAddressFailedException a ? a.getReturnCode() : -1;
            if (code >= 400 && code < 500) {
                return new Attempt.Transient("SMTP_" + code, t.getMessage());
            }
            if (code >= 500) {
                return new Attempt.Permanent("SMTP_" + code, t.getMessage());
            }
        }
        if (e instanceof SendFailedException) {
            return new Attempt.Permanent("SMTP_REFUSED", e.getMessage());
        }
        return new Attempt.Transient("SMTP_UNAVAILABLE", e.getMessage());
    }

    private static Throwable next(final Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
