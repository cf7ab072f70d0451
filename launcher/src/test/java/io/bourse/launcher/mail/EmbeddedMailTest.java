package io.bourse.launcher.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EmbeddedMailTest {

    @Test
    void shouldKeepWhatItReceivesNewestFirstAndTrimEachRecipientToItsNewest() throws MessagingException {
        try (EmbeddedMail mail = EmbeddedMail.start(0)) {
            assertThat(mail.port()).isPositive();
            final Session session = session(mail.port());
            for (int i = 1; i <= 4; i++) {
                send(session, "bot@bots.bourse.local", "Fill " + i);
            }
            send(session, "asha@example.com", "Welcome to Bourse");

            // Newest first: within one mailbox by arrival; across mailboxes to the millisecond.
            assertThat(subjects(mail.messages())).containsExactlyInAnyOrder("Welcome to Bourse", "Fill 4", "Fill 3", "Fill 2", "Fill 1")
                    .filteredOn(s -> s.startsWith("Fill")).containsExactly("Fill 4", "Fill 3", "Fill 2", "Fill 1");

            mail.trim(2);

            assertThat(subjects(mail.messages())).containsExactlyInAnyOrder("Welcome to Bourse", "Fill 4", "Fill 3")
                    .filteredOn(s -> s.startsWith("Fill")).containsExactly("Fill 4", "Fill 3");
        }
    }

    private static Session session(final int port) {
        final Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(port));
        return Session.getInstance(props);
    }

    private static void send(final Session session, final String to, final String subject) throws MessagingException {
        final MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(EmbeddedMail.FROM));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText("body of " + subject, "UTF-8");
        Transport.send(message);
    }

    private static List<String> subjects(final List<StoredMessage> messages) {
        return messages.stream().map(m -> {
            try {
                return m.getMimeMessage().getSubject();
            } catch (final MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
