package io.bourse.schemas.catalogue;

import java.util.List;
import java.util.stream.Stream;

/** Every Avro-valued state store of every topology. */
public final class StateStores {

    public static final List<Store<?>> ALL = Stream.of(MatchingNames.STORES, PortfolioNames.STORES, PortfolioNames.CLAIM_STORES,
                    NotificationsNames.STORES)
            .flatMap(List::stream).toList();

    private StateStores() {
    }
}
