package io.bourse.notifications.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.samskivert.mustache.MustacheException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Every kind rendered on every channel, against golden files under {@code src/test/resources/golden/en}.
 * Regenerate after an intended change with {@code -Dbourse.updateGolden=true} and review the diff.
 */
class TemplatesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/en");
    private static final Instant AT = Instant.parse("2026-12-07T09:45:00Z");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private final Templates templates = Templates.fromClasspath();

    /** Facts as the topology gives them, one sample per kind. */
    static Map<String, Object> sample(final NotificationKind kind) {
        final Map<String, Object> facts = new LinkedHashMap<>();
        switch (kind) {
            case ORDER_FILLED, ORDER_PARTIALLY_FILLED, ORDER_REJECTED, ORDER_EXPIRED, ORDER_CANCELLED -> {
                facts.put("orderId", "ord-7f3a");
                facts.put("symbol", "RELIANCE");
                facts.put("action", "buy");
                facts.put("Action", "Buy");
                facts.put("verb", "bought");
                facts.put("Verb", "Bought");
                facts.put("orderQuantityShares", 1_500L);
                facts.put("filledQuantityShares", kind == NotificationKind.ORDER_FILLED ? 1_500L : 600L);
                facts.put("filledNotionalPaise", 1_500L * 245_050L);
                facts.put("quantityShares", 400L);
                facts.put("averagePricePaise", 245_050L);
                facts.put("fills", 3);
                facts.put("many", true);
                facts.put("reason", kind == NotificationKind.ORDER_REJECTED ? "insufficient funds" : "session closed");
            }
            case DEPOSIT_CREDITED, DEPOSIT_REFUSED, WITHDRAWAL_PAID, WITHDRAWAL_FAILED, WITHDRAWAL_REFUSED -> {
                facts.put("amountPaise", 123_456_750L);
                facts.put("withdrawalId", "wd-42");
                facts.put("reference", "pay_Nx81");
                facts.put("reason", "amount mismatch");
            }
            case KYC_APPROVED, KYC_REJECTED, ACCOUNT_SUSPENDED, REGISTERED -> {
                facts.put("name", "Asha Rao");
                facts.put("email", "asha@example.com");
                facts.put("reason", "PAN does not match the name");
            }
        }
        return facts;
    }

    private String renderAll(final NotificationKind kind) {
        final StringBuilder out = new StringBuilder();
        for (final Channel channel : Channel.values()) {
            final Templates.Rendered r = templates.render(kind, channel, Locale.ENGLISH, KOLKATA, AT, sample(kind));
            if (r.subject() != null) {
                out.append("== ").append(channel).append(" subject\n").append(r.subject()).append('\n');
            }
            out.append("== ").append(channel).append(" text\n").append(r.text()).append('\n');
            if (r.html() != null) {
                out.append("== ").append(channel).append(" html\n").append(r.html()).append('\n');
            }
        }
        return out.toString();
    }

    @ParameterizedTest
    @EnumSource(NotificationKind.class)
    void shouldRenderEveryChannelAsTheGoldenFileSays(final NotificationKind kind) throws IOException {
        final String rendered = renderAll(kind);
        final Path golden = GOLDEN.resolve(kind.templateName() + ".txt");
        if (Boolean.getBoolean("bourse.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, rendered, StandardCharsets.UTF_8);
        }
        assertThat(rendered).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void shouldGiveEmailASubjectTextAndHtmlAndSmsNeither() {
        final Templates.Rendered email = templates.render(NotificationKind.DEPOSIT_CREDITED, Channel.EMAIL, Locale.ENGLISH,
                KOLKATA, AT, sample(NotificationKind.DEPOSIT_CREDITED));
        final Templates.Rendered sms = templates.render(NotificationKind.DEPOSIT_CREDITED, Channel.SMS, Locale.ENGLISH,
                KOLKATA, AT, sample(NotificationKind.DEPOSIT_CREDITED));

        assertThat(email.subject()).isEqualTo("Deposit credited: ₹12,34,567.50");
        assertThat(email.text()).contains("₹12,34,567.50").contains("7 Dec 2026, 15:15 IST").doesNotContain("Deposit credited:");
        assertThat(email.html()).startsWith("<!DOCTYPE html>").contains("<strong>₹12,34,567.50</strong>");
        assertThat(sms.subject()).isNull();
        assertThat(sms.html()).isNull();
        assertThat(sms.text()).isEqualTo("Bourse: ₹12,34,567.50 credited to your account. Ref pay_Nx81.");
    }

    @Test
    void shouldEscapeFactsInHtmlOnly() {
        final Map<String, Object> facts = new HashMap<>(sample(NotificationKind.KYC_APPROVED));
        facts.put("name", "<script>x</script> & co");

        final Templates.Rendered email = templates.render(NotificationKind.KYC_APPROVED, Channel.EMAIL, Locale.ENGLISH,
                KOLKATA, AT, facts);

        assertThat(email.text()).startsWith("Hello <script>x</script> & co,");
        assertThat(email.html()).contains("Hello &lt;script&gt;x&lt;/script&gt; &amp; co,").doesNotContain("<script>");
    }

    @Test
    void shouldGreetWithoutANameWhenThereIsNone() {
        final Map<String, Object> facts = new HashMap<>(sample(NotificationKind.KYC_APPROVED));
        facts.put("name", null);

        assertThat(templates.render(NotificationKind.KYC_APPROVED, Channel.EMAIL, Locale.ENGLISH, KOLKATA, AT, facts).text())
                .startsWith("Hello,\n");
    }

    @Test
    void shouldFallBackToEnglishForALocaleWithoutTemplates() {
        final Map<String, Object> facts = sample(NotificationKind.WITHDRAWAL_PAID);

        assertThat(templates.render(NotificationKind.WITHDRAWAL_PAID, Channel.SMS, Locale.forLanguageTag("hi-IN"), KOLKATA, AT, facts))
                .isEqualTo(templates.render(NotificationKind.WITHDRAWAL_PAID, Channel.SMS, Locale.ENGLISH, KOLKATA, AT, facts));
    }

    @Test
    void shouldShowTheTimeInTheUsersZone() {
        final Templates.Rendered london = templates.render(NotificationKind.WITHDRAWAL_PAID, Channel.EMAIL, Locale.ENGLISH,
                ZoneId.of("Europe/London"), Instant.parse("2026-07-01T21:30:00Z"), sample(NotificationKind.WITHDRAWAL_PAID));

        assertThat(london.text()).contains("1 Jul 2026, 22:30 BST");
    }

    @Test
    void shouldFailOnAFactTheTemplateNeedsAndTheEventLacks() {
        final Map<String, Object> facts = new HashMap<>(sample(NotificationKind.ORDER_FILLED));
        facts.remove("symbol");

        assertThatThrownBy(() -> templates.render(NotificationKind.ORDER_FILLED, Channel.SMS, Locale.ENGLISH, KOLKATA, AT, facts))
                .isInstanceOf(MustacheException.class).hasMessageContaining("symbol");
    }
}
