package io.bourse.launcher.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's mail server: an in-process SMTP server (GreenMail) on loopback that accepts
 * every e-mail the node's dispatcher sends and keeps it in memory, so the demo's mail outbox can show
 * it. Nothing leaves the machine. Each recipient keeps its newest {@link #PER_RECIPIENT} e-mails:
 * the simulator's bots are mailed on every fill, and a long run must not grow without bound.
 */
public final class EmbeddedMail implements AutoCloseable {

    /** E-mails kept per recipient; older ones are dropped. */
    public static final int PER_RECIPIENT = 100;
    /** The sender the node uses when it mails through this server. */
    public static final String FROM = "Bourse <no-reply@bourse.local>";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMail.class);
    private static final long TRIM_EVERY_SECONDS = 10;

    private final GreenMail server;
    private final ScheduledExecutorService trimmer;

    private EmbeddedMail(final GreenMail server, final ScheduledExecutorService trimmer) {
        this.server = server;
        this.trimmer = trimmer;
    }

    /**
     * Starts the server on {@code 127.0.0.1:port}.
     *
     * @param port the SMTP port; 0 for any free one
     */
    public static EmbeddedMail start(final int port) {
        final ServerSetup smtp = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        final GreenMail server = new GreenMail(port == 0 ? smtp.dynamicPort() : smtp)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        final ScheduledExecutorService trimmer = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread thread = new Thread(r, "bourse-mail-trim");
            thread.setDaemon(true);
            return thread;
        });
        final EmbeddedMail mail = new EmbeddedMail(server, trimmer);
        trimmer.scheduleWithFixedDelay(() -> mail.trim(PER_RECIPIENT), TRIM_EVERY_SECONDS, TRIM_EVERY_SECONDS, TimeUnit.SECONDS);
        return mail;
    }

    /** The SMTP port it listens on, on 127.0.0.1. */
    public int port() {
        return server.getSmtp().getPort();
    }

    /** Every e-mail kept, newest first. */
    public List<StoredMessage> messages() {
        final List<StoredMessage> all = new ArrayList<>(server.getManagers().getImapHostManager().getAllMessages());
        all.sort(Comparator.comparing(StoredMessage::getReceivedDate).thenComparing(StoredMessage::getUid).reversed());
        return all;
    }

    /** Drops each recipient's e-mails beyond the newest {@code keep}. */
    void trim(final int keep) {
        final ImapHostManager folders = server.getManagers().getImapHostManager();
        for (final GreenMailUser user : server.getUserManager().listUser()) {
            try {
                final MailFolder inbox = folders.getInbox(user);
                final List<StoredMessage> kept = inbox.getNonDeletedMessages();
                if (kept.size() <= keep) {
                    continue;
                }
                final List<StoredMessage> oldestFirst = new ArrayList<>(kept);
                oldestFirst.sort(Comparator.comparing(StoredMessage::getReceivedDate).thenComparing(StoredMessage::getUid));
                for (final StoredMessage old : oldestFirst.subList(0, oldestFirst.size() - keep)) {
                    old.setFlag(Flags.Flag.DELETED, true);
                }
                inbox.expunge();
            } catch (final FolderException | RuntimeException e) {
                LOG.debug("Could not trim the mailbox of {}", user.getEmail(), e);
            }
        }
    }

    @Override
    public void close() {
        trimmer.shutdownNow();
        server.stop();
    }

    @Override
    public String toString() {
        return "in-process SMTP server at 127.0.0.1:" + port();
    }
}
