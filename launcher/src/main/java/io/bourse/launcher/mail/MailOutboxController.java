package io.bourse.launcher.mail;

import com.icegreen.greenmail.store.StoredMessage;
import io.bourse.avro.portfolio.AccountSnapshot;
import io.bourse.edge.api.CurrentUser;
import io.bourse.edge.infra.StoreReads;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's mail outbox: the e-mails the {@link EmbeddedMail} server received, newest first. Served
 * only by the launcher, and only while it runs that server (a node mailing through a real SMTP server
 * has no such endpoint, and the web UI then shows no outbox). A trader sees the e-mails addressed to
 * their account; an admin sees all of them.
 */
@RestController
@ConditionalOnBean(EmbeddedMail.class)
@Tag(name = "Demo")
public class MailOutboxController {

    /** Where the outbox is served; the web UI looks for it to decide whether to show the view. */
    public static final String PATH = "/api/v1/demo/mail";

    private final EmbeddedMail mail;
    private final StoreReads reads;

    public MailOutboxController(final EmbeddedMail mail, final StoreReads reads) {
        this.mail = mail;
        this.reads = reads;
    }

    @GetMapping(PATH)
    @Operation(summary = "Demo only: the e-mails the embedded mail server received for you (all of them for an admin), newest first")
    public Map<String, Object> outbox(@RequestParam(defaultValue = "50") @Min(1) @Max(200) final int size) {
        final String userId = CurrentUser.id();
        final boolean admin = SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch("ROLE_ADMIN"::equals);
        final String own = admin ? null : emailOf(userId);
        final List<Map<String, Object>> items = mail.messages().stream()
                .map(MailOutboxController::view)
                .filter(Objects::nonNull)
                .filter(m -> admin || (own != null && ((List<?>) m.get("to")).contains(own)))
                .limit(size)
                .toList();
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("smtp", "127.0.0.1:" + mail.port());
        body.put("items", items);
        return body;
    }

    private String emailOf(final String userId) {
        final AccountSnapshot account = reads.<AccountSnapshot>store(TopologyRunner.PORTFOLIO, PortfolioNames.ACCOUNTS.name()).get(userId);
        return account == null ? null : account.getEmail().toLowerCase(Locale.ROOT);
    }

    /** One e-mail as the outbox shows it; null for one that cannot be read. */
    private static Map<String, Object> view(final StoredMessage stored) {
        try {
            final var message = stored.getMimeMessage();
            final List<String> to = addresses(message.getAllRecipients());
            final Map<String, Object> view = new LinkedHashMap<>();
            // A uid counts within one recipient's mailbox; the dispatcher sends each e-mail to one recipient.
            view.put("id", stored.getUid() + ":" + (to.isEmpty() ? "" : to.get(0)));
            view.put("messageId", message.getMessageID());
            view.put("from", String.join(", ", addresses(message.getFrom())));
            view.put("to", to);
            view.put("subject", message.getSubject());
            view.put("receivedAt", stored.getReceivedDate().toInstant().toString());
            view.put("text", text(message));
            return view;
        } catch (final MessagingException | IOException e) {
            return null;
        }
    }

    private static List<String> addresses(final Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(MailOutboxController::bare).toList();
    }

    private static String bare(final Address address) {
        final String text = address instanceof jakarta.mail.internet.InternetAddress internet ? internet.getAddress() : address.toString();
        return text.toLowerCase(Locale.ROOT);
    }

    /** The plain-text part (the dispatcher sends text and HTML alternatives), or "" when there is none. */
    private static String text(final Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return part.getContent().toString();
        }
        if (part.isMimeType("multipart/*")) {
            final Multipart parts = (Multipart) part.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                final String text = text(parts.getBodyPart(i));
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }
}
