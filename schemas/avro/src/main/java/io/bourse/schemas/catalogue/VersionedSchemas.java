package io.bourse.schemas.catalogue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every Avro type written to Kafka — topic values and state-store values (their changelogs are
 * topics too) — whose released versions are kept under {@code schemas/avro/history} and must stay
 * BACKWARD compatible.
 */
public final class VersionedSchemas {

    public static final List<Class<? extends SpecificRecord>> ALL;

    static {
        final Set<Class<? extends SpecificRecord>> types = new LinkedHashSet<>();
        Topics.ALL.forEach(topic -> types.add(topic.valueType()));
        StateStores.ALL.forEach(store -> types.add(store.valueType()));
        ALL = List.copyOf(types);
    }

    private VersionedSchemas() {
    }
}
