package io.bourse.notifications.core;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders notifications from Mustache templates on the class path, one per kind and channel:
 * {@code templates/<language>/<kind>/<channel>.txt}, and {@code email.html} beside {@code email.txt}
 * for the HTML part, wrapped in {@code templates/<language>/layout.html}. A locale without its own
 * templates falls back to its language, then to English.
 *
 * <p>The text of every channel but SMS starts with its subject (or title) line and a blank line. The
 * model is the event's facts, plus, for every fact named {@code somethingPaise}, {@code something}
 * formatted as rupees ({@link MoneyFormat#rupees}), for every {@code somethingShares} a grouped
 * quantity, and {@code time}, the event's instant in the user's zone. A variable a template names
 * that the facts lack is a bug and throws; optional facts are read in sections ({@code {{#reason}}}).
 */
public final class Templates {

    public static final String DEFAULT_LANGUAGE = "en";

    private static final String ROOT = "templates/";
    private static final String PAISE = "Paise";
    private static final String SHARES = "Shares";

    private final ClassLoader loader;
    private final Mustache.Compiler text = Mustache.compiler().escapeHTML(false);
    private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true);
    private final Map<String, Optional<Template>> cache = new ConcurrentHashMap<>();

    /** A rendered message: {@code subject} is null for SMS, {@code html} is set for e-mail only. */
    public record Rendered(String subject, String text, String html) {
        public Rendered {
            Objects.requireNonNull(text, "text");
        }
    }

    private Templates(final ClassLoader loader) {
        this.loader = loader;
    }

    /** The templates shipped in this module's resources. */
    public static Templates fromClasspath() {
        return new Templates(Templates.class.getClassLoader());
    }

    /**
     * Renders {@code kind} for {@code channel}.
     *
     * @param at the event's instant, shown in {@code zone}
     * @param facts the event's values, by name; money in paise and quantities in shares as {@code long}
     * @throws IllegalStateException when no template exists for the kind and channel (a bug)
     */
    public Rendered render(final NotificationKind kind, final Channel channel, final Locale locale, final ZoneId zone,
            final Instant at, final Map<String, ?> facts) {
        final Map<String, Object> model = model(locale, zone, at, facts);
        final String folder = kind.templateName() + "/";
        final String body = template(locale, folder + channel.templateName() + ".txt", text).execute(model).strip();
        if (!channel.hasSubject()) {
            return new Rendered(null, body, null);
        }
        final int end = body.indexOf("\n\n");
        if (end < 0) {
            throw new IllegalStateException("template " + folder + channel.templateName()
                    + ".txt must start with a subject line and a blank line");
        }
        final String subject = body.substring(0, end).strip();
        final String rest = body.substring(end + 2).strip();
        if (channel != Channel.EMAIL) {
            return new Rendered(subject, rest, null);
        }
        final Map<String, Object> page = new HashMap<>(model);
        page.put("subject", subject);
        page.put("content", template(locale, folder + "email.html", html).execute(model).strip());
        return new Rendered(subject, rest, template(locale, "layout.html", html).execute(page).strip());
    }

    static Map<String, Object> model(final Locale locale, final ZoneId zone, final Instant at, final Map<String, ?> facts) {
        final Map<String, Object> model = new HashMap<>();
        facts.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            model.put(name, value);
            if (value instanceof Long number && name.endsWith(PAISE)) {
                model.put(name.substring(0, name.length() - PAISE.length()), MoneyFormat.rupees(number));
            } else if (value instanceof Long number && name.endsWith(SHARES)) {
                model.put(name.substring(0, name.length() - SHARES.length()), MoneyFormat.quantity(number));
            }
        });
        model.put("time", DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm zzz", locale).withZone(zone).format(at));
        return model;
    }

    private Template template(final Locale locale, final String file, final Mustache.Compiler compiler) {
        for (final String language : languages(locale)) {
            final Optional<Template> found = cache.computeIfAbsent(language + "/" + file + (compiler == html ? "#html" : ""),
                    key -> load(ROOT + language + "/" + file, compiler));
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalStateException("no template " + file + " for " + locale + " nor " + DEFAULT_LANGUAGE);
    }

    private static List<String> languages(final Locale locale) {
        final Set<String> languages = new LinkedHashSet<>();
        if (!locale.toLanguageTag().equals("und")) {
            languages.add(locale.toLanguageTag());
        }
        if (!locale.getLanguage().isEmpty()) {
            languages.add(locale.getLanguage());
        }
        languages.add(DEFAULT_LANGUAGE);
        return List.copyOf(languages);
    }

    private Optional<Template> load(final String resource, final Mustache.Compiler compiler) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(compiler.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
