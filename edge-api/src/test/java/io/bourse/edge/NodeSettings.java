package io.bourse.edge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Binds {@code bourse.*} as a node does, without starting one: the given settings and environment
 * variables over the node's {@code application.yml}, where the defaults are written. The process's own
 * environment is left out, so a {@code BOURSE_*} variable of the machine running the tests changes nothing.
 */
public final class NodeSettings {

    private NodeSettings() {
    }

    /** The node's properties with {@code settings} ({@code bourse.streams.threads} and the like) over the defaults. */
    public static BourseProperties bind(final Map<String, String> settings) {
        return bind(settings, Map.of());
    }

    /** The node's properties with {@code settings}, then {@code environment} ({@code BOURSE_*}), over the defaults. */
    public static BourseProperties bind(final Map<String, String> settings, final Map<String, String> environment) {
        final MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.copyOf(environment)));
        try {
            new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml")).forEach(sources::addLast);
        } catch (final IOException e) {
            throw new IllegalStateException("The node's application.yml could not be read", e);
        }
        final List<ConfigurationPropertySource> all = new ArrayList<>();
        all.add(new MapConfigurationPropertySource(settings));
        ConfigurationPropertySources.from(sources).forEach(all::add);
        return new Binder(all, new PropertySourcesPlaceholdersResolver(sources)).bind("bourse", BourseProperties.class).get();
    }
}
