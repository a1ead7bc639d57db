package io.cadenza.dataplane.functional.support;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

public class TextActivitiesImpl implements TextActivities {

    private final AtomicInteger invocations = new AtomicInteger();

    @Override
    public String upper(String text) {
        invocations.incrementAndGet();
        return text.toUpperCase(Locale.ROOT);
    }

    public int invocations() {
        return invocations.get();
    }
}
